package io.yielddelta.keeper.venues.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.venues.hyperliquid.dto.UserFill;
import io.yielddelta.keeper.venues.hyperliquid.dto.WsUserFills;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FillFeedTest {

    private final List<Instant> restQueries = new ArrayList<>();
    private List<UserFill> restAnswer = List.of();
    private final FillFeed feed = new FillFeed(since -> {
        restQueries.add(since);
        if (restAnswer == null) {
            throw new IllegalStateException("venue down");
        }
        return restAnswer;
    }, Instant.ofEpochMilli(1_000));
    private final List<Fill> delivered = new ArrayList<>();

    @Test
    void eachFillOnceWhateverItsSource() {
        feed.addListener(delivered::add);
        UserFill history = fill(1, 900);
        UserFill b = fill(2, 1_100);
        UserFill c = fill(3, 1_200);

        feed.onStream(new WsUserFills(true, "0xuser", List.of(history)));
        assertThat(delivered).as("the first snapshot is history").isEmpty();

        feed.onStream(new WsUserFills(null, "0xuser", List.of(b)));
        feed.onStream(new WsUserFills(null, "0xuser", List.of(b)));
        assertThat(delivered).extracting(Fill::fillId).containsExactly("2");

        // after a reconnect: the stale snapshot repeats what was seen, REST brings what was missed
        feed.onStream(new WsUserFills(true, "0xuser", List.of(history, b)));
        restAnswer = List.of(c, b);
        assertThat(feed.reconcile()).isTrue();
        assertThat(restQueries).containsExactly(Instant.ofEpochMilli(1_100)); // from the last fill seen, inclusive
        assertThat(delivered).extracting(Fill::fillId).containsExactly("2", "3");

        restAnswer = null;
        assertThat(feed.reconcile()).as("REST failure is reported for a retry").isFalse();
        assertThat(delivered).hasSize(2);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        feed.addListener(f -> {
            throw new IllegalStateException("listener bug");
        });
        feed.addListener(delivered::add);
        feed.onStream(new WsUserFills(null, "0xuser", List.of(fill(7, 1_500))));
        assertThat(delivered).extracting(Fill::fillId).containsExactly("7");
    }

    private static UserFill fill(long tid, long time) {
        return new UserFill("ETH", new BigDecimal("3000.5"), new BigDecimal("0.1"), "B", time, BigDecimal.ZERO,
                "Open Long", BigDecimal.ZERO, "0xhash", 77738308L, false, new BigDecimal("0.1"), tid, "USDC", null);
    }
}
