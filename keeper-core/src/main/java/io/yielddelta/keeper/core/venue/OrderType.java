package io.yielddelta.keeper.core.venue;

public enum OrderType {
    /** Market order: immediate-or-cancel, with a protective limit price where the venue needs one. */
    MARKET_IOC,
    /** Limit, good till cancelled. */
    LIMIT_GTC,
    /** Limit that is cancelled rather than take liquidity. */
    POST_ONLY
}
