package io.yielddelta.keeper.app.daemon;

import io.yielddelta.keeper.app.chain.ChainMetrics;
import io.yielddelta.keeper.app.chainlink.VenueMarks;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.SentTransactions;
import java.util.ServiceLoader;

/**
 * Builds the chain gateway of a deployment (RPC fail-over, signers, transaction manager) from its configuration. The
 * web3j implementation registers itself in {@code META-INF/services}; tests hand the runtime their own.
 */
public interface ChainGatewayFactory {

    /**
     * @param journal where every signed transaction is recorded before broadcast
     * @param readOnly true for dry runs: the gateway must refuse to sign or send
     */
    ChainGateway open(KeeperConfig config, SentTransactions journal, boolean readOnly);

    /**
     * As {@link #open(KeeperConfig, SentTransactions, boolean)}, with the hedge venues' marks for the keeper's price
     * check (pool TWAP, Chainlink feed, venue mark) and RPC calls and transactions reported to {@code metrics}.
     */
    default ChainGateway open(
            KeeperConfig config, SentTransactions journal, boolean readOnly, VenueMarks marks, ChainMetrics metrics) {
        return open(config, journal, readOnly);
    }

    /** The factory on the class path. */
    static ChainGatewayFactory installed() {
        return ServiceLoader.load(ChainGatewayFactory.class)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no chain gateway is installed (no " + ChainGatewayFactory.class.getName() + " service)"));
    }
}
