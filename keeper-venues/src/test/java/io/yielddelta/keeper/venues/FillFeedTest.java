package io.yielddelta.keeper.venues;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FillFeedTest {

    private final List<Instant> restQueries = new ArrayList<>();
    private List<Fill> restAnswer = List.of();
    private final FillFeed feed = new FillFeed(
            "test",
            since -> {
                restQueries.add(since);
                if (restAnswer == null) {
                    throw new IllegalStateException("venue down");
                }
                return restAnswer;
            },
            Instant.ofEpochMilli(1_000));
    private final List<Fill> delivered = new ArrayList<>();

    @Test
    void eachFillOnceWhateverItsSource() {
        feed.add(delivered::add);
        Fill history = fill(1, 900);
        Fill b = fill(2, 1_100);
        Fill c = fill(3, 1_200);

        feed.markSeen(List.of(history));
        assertThat(delivered).as("history is not news").isEmpty();

        feed.onStream(List.of(b));
        feed.onStream(List.of(b));
        assertThat(delivered).extracting(Fill::fillId).containsExactly("2");

        // after a reconnect: a stale snapshot repeats what was seen, REST brings what was missed
        feed.onStream(List.of(history, b));
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
        feed.add(f -> {
            throw new IllegalStateException("listener bug");
        });
        feed.add(delivered::add);
        restAnswer = List.of(fill(7, 1_500), fill(8, 1_600));
        assertThat(feed.reconcile()).isTrue();
        assertThat(delivered).extracting(Fill::fillId).containsExactly("7", "8");
    }

    @Test
    void remembersABoundedNumberOfFills() {
        feed.add(delivered::add);
        int many = FillFeed.REMEMBERED_FILLS + 500;
        feed.onStream(IntStream.range(0, many).mapToObj(i -> fill(i, 2_000 + i)).toList());
        assertThat(delivered).hasSize(many);
        assertThat(feed.remembered()).isEqualTo(FillFeed.REMEMBERED_FILLS);
        // the newest are still known: a REST read from the newest time repeats none of them
        restAnswer = List.of(fill(many - 1, 2_000 + many - 1));
        feed.reconcile();
        assertThat(delivered).hasSize(many);
    }

    @Test
    void closingAListenersSubscriptionStopsItsDeliveries() {
        var subscription = feed.add(delivered::add);
        feed.onStream(List.of(fill(1, 1_100)));
        subscription.close();
        feed.onStream(List.of(fill(2, 1_200)));
        assertThat(delivered).extracting(Fill::fillId).containsExactly("1");
    }

    private static Fill fill(long id, long millis) {
        return new Fill(
                Long.toString(id),
                "order-" + id,
                ClientOrderId.of("decision-" + id),
                "ETH",
                Side.BUY,
                new BigDecimal("0.1"),
                new BigDecimal("3000.5"),
                BigDecimal.ZERO,
                Instant.ofEpochMilli(millis));
    }
}
