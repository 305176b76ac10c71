package io.yielddelta.keeper.app.oracle;

/** A rebalance the aiOracle (or the keeper's own price check before asking it) will not sign; the message says why. */
public class OracleRefusedException extends RuntimeException {

    public OracleRefusedException(String reason) {
        super(reason);
    }
}
