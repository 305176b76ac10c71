package io.yielddelta.keeper.app.chain;

import io.yielddelta.keeper.contracts.devchain.DevChain;
import java.math.BigInteger;
import java.time.Duration;

/** Transaction settings for tests on the local chain: quick replacement and polling, generous fee cap. */
public final class DevChainSettings {

    public static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private DevChainSettings() {}

    public static TransactionSettings transactions() {
        return new TransactionSettings(
                DevChain.SEI_CHAIN_ID,
                GWEI.multiply(BigInteger.valueOf(1000)),
                GWEI,
                5,
                50,
                20,
                1,
                Duration.ofMillis(300),
                15,
                Duration.ofMillis(50),
                Duration.ofSeconds(30));
    }
}
