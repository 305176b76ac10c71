package io.yielddelta.keeper.app.chainlink;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's own price check before it asks the aiOracle to sign a rebalance: the vault's pool TWAP, its Chainlink
 * feed and (for a hedged vault) the hedge venue's mark, read now. A stale or unusable feed, or prices spread beyond the
 * feed's bound, refuse the rebalance; every verdict is logged with all three prices. A vault without a configured feed
 * is not checked.
 */
public final class PriceGuard {

    private static final Logger log = LoggerFactory.getLogger(PriceGuard.class);

    private final Map<String, FeedSettings> feeds;
    private final FeedReader reader;
    private final VenueMarks marks;

    /** @param feeds each checked vault's feed, by vault address */
    public PriceGuard(Map<String, FeedSettings> feeds, FeedReader reader, VenueMarks marks) {
        this.feeds = feeds.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
        this.reader = reader;
        this.marks = marks;
    }

    /** Checks nothing: for gateways that never rebalance (dry runs) or deployments without feeds. */
    public static PriceGuard none() {
        return new PriceGuard(Map.of(), null, VenueMarks.NONE);
    }

    public boolean checks(String vault) {
        return feeds.containsKey(vault.toLowerCase(Locale.ROOT));
    }

    /** Why {@code vault} must not be rebalanced now, or empty if its prices agree (or it has no feed). */
    public Optional<String> refusal(String vault) {
        FeedSettings feed = feeds.get(vault.toLowerCase(Locale.ROOT));
        if (feed == null) {
            return Optional.empty();
        }
        FeedReader.Reading reading;
        try {
            reading = reader.read(vault, feed.feed());
        } catch (RuntimeException e) {
            log.atWarn()
                    .addKeyValue("vault", vault)
                    .log("price check of vault {}: cannot read its feed: {}", vault, e.getMessage());
            return Optional.of("cannot read the Chainlink feed " + feed.feed() + ": " + e.getMessage());
        }
        PriceCheck.Verdict verdict = PriceCheck.check(feed, reading.twapTick(), reading.round(), marks.mark(vault));
        if (verdict.passed()) {
            log.atInfo()
                    .addKeyValue("vault", vault)
                    .log("price check of vault {} passed: {}", vault, verdict.summary());
            return Optional.empty();
        }
        log.atWarn()
                .addKeyValue("vault", vault)
                .log("price check of vault {} refuses the rebalance: {}", vault, verdict.summary());
        return Optional.of(verdict.summary());
    }
}
