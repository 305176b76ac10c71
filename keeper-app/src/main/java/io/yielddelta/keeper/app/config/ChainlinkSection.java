package io.yielddelta.keeper.app.config;

import io.yielddelta.keeper.app.chainlink.FeedSettings;
import io.yielddelta.keeper.app.oracle.OraclePolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * The price checks around a signed rebalance: a vault's Chainlink {@code chainlink} feed and its aiOracle
 * {@code policy}, read the same way by the deployment file and the aiOracle's own file.
 */
final class ChainlinkSection {

    /** The vault's MAX_SIGNATURE_LIFETIME: no signed rebalance may stay valid longer. */
    static final Duration MAX_SIGNATURE_LIFETIME = Duration.ofHours(1);

    private ChainlinkSection() {}

    /**
     * A vault's Chainlink feed: {@code feed} (its AggregatorV3Interface address), {@code baseToken} (token0 or token1,
     * the token the feed prices), both tokens' decimals, {@code maxAge} (older answers are stale; the feed's heartbeat
     * plus a margin) and {@code maxDeviationBps} (default 200).
     */
    static Optional<FeedSettings> feed(YamlMap m) {
        Optional<String> feed = m.address("feed", true);
        Optional<Boolean> baseIsToken0 = baseToken(m);
        Optional<Long> decimals0 = m.integer("token0Decimals", true, 0, 36);
        Optional<Long> decimals1 = m.integer("token1Decimals", true, 0, 36);
        Optional<Duration> maxAge = m.required("maxAge").flatMap(n -> m.duration("maxAge"));
        int maxDeviation =
                m.integer("maxDeviationBps", false, 1, 5_000).orElse(200L).intValue();
        m.finish();
        if (feed.isEmpty()
                || baseIsToken0.isEmpty()
                || decimals0.isEmpty()
                || decimals1.isEmpty()
                || maxAge.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FeedSettings(
                feed.get(),
                baseIsToken0.get(),
                decimals0.get().intValue(),
                decimals1.get().intValue(),
                maxAge.get(),
                maxDeviation));
    }

    /** {@code baseToken}: token0 or token1, as true when it is token0. */
    static Optional<Boolean> baseToken(YamlMap m) {
        return m.string("baseToken", true)
                .filter(b -> {
                    if (b.equals("token0") || b.equals("token1")) {
                        return true;
                    }
                    m.problem("baseToken", "expected token0 or token1");
                    return false;
                })
                .map(b -> b.equals("token0"));
    }

    /** The aiOracle's policy for a vault (defaults: {@link OraclePolicy#DEFAULTS}); empty if a field is invalid. */
    static Optional<OraclePolicy> oraclePolicy(YamlMap m) {
        OraclePolicy d = OraclePolicy.DEFAULTS;
        int minWidth = m.integer("minWidthTicks", false, 1, 1_774_544)
                .orElse((long) d.minWidthTicks())
                .intValue();
        int maxMove = m.integer("maxMoveTicks", false, 1, 887_272)
                .orElse((long) d.maxMoveTicks())
                .intValue();
        Optional<Duration> lifetime = m.duration("maxSignatureLifetime")
                .or(() -> Optional.of(d.maxSignatureLifetime()))
                .filter(l -> withinSignatureLifetime(m, "maxSignatureLifetime", l));
        m.finish();
        return lifetime.map(l -> new OraclePolicy(minWidth, maxMove, l));
    }

    /** The vault refuses rebalances signed to stay valid longer than an hour. */
    static boolean withinSignatureLifetime(YamlMap m, String key, Duration lifetime) {
        if (lifetime.compareTo(MAX_SIGNATURE_LIFETIME) <= 0) {
            return true;
        }
        m.problem(key, "at most 1h: the vault refuses rebalances signed to stay valid longer");
        return false;
    }
}
