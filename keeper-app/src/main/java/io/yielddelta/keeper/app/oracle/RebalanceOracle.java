package io.yielddelta.keeper.app.oracle;

import io.yielddelta.keeper.core.signing.Signature;

/**
 * The aiOracle, which signs a vault's rebalance parameters only after its own checks: in the keeper's process for the
 * sandbox and development ({@link PolicyCheckedOracle}), or a separate process with its own key that the keeper asks
 * over HTTP ({@link OracleServer}, {@link HttpOracleClient}).
 */
public interface RebalanceOracle {

    /**
     * The aiOracle's EIP-712 signature of the request.
     *
     * @throws OracleRefusedException                             naming the check the request failed
     * @throws io.yielddelta.keeper.core.signing.SigningException if the oracle or its key cannot be reached
     */
    Signature sign(RebalanceRequest request);
}
