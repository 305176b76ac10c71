-- Whether each hedged vault's hedge runs, as the keeper that hedges reports it every maintenance pass: in a cluster
-- every keeper's rebalance gate reads it, so no keeper rebalances a vault whose hedge is down or unreported.
CREATE TABLE keeper_hedge_status (
    vault           VARCHAR(100)  NOT NULL PRIMARY KEY,
    down_because    VARCHAR(400),
    reported_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
