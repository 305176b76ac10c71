package io.yielddelta.keeper.contracts.devchain;

import static io.yielddelta.keeper.contracts.devchain.UniswapV3Stack.send;

import io.yielddelta.keeper.contracts.generated.MockV3Aggregator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import org.web3j.crypto.Credentials;

/**
 * Chainlink price feeds on a dev chain: Chainlink's own test double, {@code MockV3Aggregator} from the pinned
 * {@code @chainlink/contracts} package, which serves {@code AggregatorV3Interface} exactly as a live feed does.
 */
public final class DevFeeds {

    private DevFeeds() {}

    /** A feed answering {@code price} (with {@code decimals} decimals), updated at the current block. */
    public static MockV3Aggregator deploy(DevChain chain, Credentials deployer, int decimals, BigDecimal price) {
        try {
            return MockV3Aggregator.deploy(
                            chain.web3j(),
                            chain.transactionManager(deployer),
                            chain.gasProvider(),
                            BigInteger.valueOf(decimals),
                            answer(price, decimals))
                    .send();
        } catch (Exception e) {
            throw new IllegalStateException("deploying a MockV3Aggregator failed: " + e.getMessage(), e);
        }
    }

    /** A new round answering {@code price}, updated at the current block. */
    public static void update(MockV3Aggregator feed, BigDecimal price) {
        send(feed.updateAnswer(answer(price, decimals(feed))));
    }

    /** A new round answering {@code price} as if it had been updated at {@code updatedAt} (a stale feed). */
    public static void update(MockV3Aggregator feed, BigDecimal price, Instant updatedAt) {
        try {
            BigInteger round = feed.latestRound().send().add(BigInteger.ONE);
            BigInteger at = BigInteger.valueOf(updatedAt.getEpochSecond());
            send(feed.updateRoundData(round, answer(price, decimals(feed)), at, at));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "updating feed " + feed.getContractAddress() + " failed: " + e.getMessage(), e);
        }
    }

    private static int decimals(MockV3Aggregator feed) {
        try {
            return feed.decimals().send().intValueExact();
        } catch (Exception e) {
            throw new IllegalStateException("reading the decimals of " + feed.getContractAddress() + " failed", e);
        }
    }

    private static BigInteger answer(BigDecimal price, int decimals) {
        return price.movePointRight(decimals)
                .setScale(0, RoundingMode.HALF_EVEN)
                .toBigIntegerExact();
    }
}
