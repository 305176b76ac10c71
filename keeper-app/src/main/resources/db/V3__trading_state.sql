-- The keeper's trading state, one row: set by `keeper halt | resume | exit`, the admin endpoint and the risk engine,
-- read by every keeper on the database. The version grows with each change so keepers see changes they did not make.
CREATE TABLE keeper_trading_state (
    id              INTEGER       NOT NULL PRIMARY KEY,
    state           VARCHAR(10)   NOT NULL,
    emergency_exit  BOOLEAN       NOT NULL,
    reason          VARCHAR(400)  NOT NULL,
    version         BIGINT        NOT NULL,
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO keeper_trading_state (id, state, emergency_exit, reason, version, changed_at)
    VALUES (1, 'ACTIVE', FALSE, 'initial', 0, CURRENT_TIMESTAMP);
