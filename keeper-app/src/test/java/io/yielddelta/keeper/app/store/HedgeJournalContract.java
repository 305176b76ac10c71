package io.yielddelta.keeper.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.core.hedge.Discrepancy;
import io.yielddelta.keeper.core.hedge.HedgeIntent;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What every hedge journal database must do; run on H2 (unit test) and PostgreSQL (integration test). */
abstract class HedgeJournalContract {

    static final Instant DECIDED = Instant.parse("2026-01-08T13:00:05Z");
    static final Clock CLOCK = Clock.fixed(DECIDED.plusSeconds(1), ZoneOffset.UTC);
    static final String VAULT = "0x00000000000000000000000000000000000000a1";

    abstract DataSource dataSource();

    JdbcHedgeJournal journal() {
        return new JdbcHedgeJournal(dataSource(), CLOCK);
    }

    static HedgeIntent sell(String decision, String size) {
        return new HedgeIntent(
                VAULT,
                "hyperliquid",
                new OrderRequest(
                        "ETH",
                        Side.SELL,
                        new BigDecimal(size),
                        new BigDecimal("3000.5"),
                        OrderType.LIMIT_GTC,
                        false,
                        ClientOrderId.of(decision)),
                DECIDED);
    }

    static VenueOrder report(HedgeIntent intent, String filled, OrderStatus status) {
        OrderRequest r = intent.request();
        return new VenueOrder(
                "oid-" + r.clientId().uint32(),
                r.clientId(),
                r.market(),
                r.side(),
                r.size(),
                new BigDecimal(filled),
                new BigDecimal("3000.5"),
                r.limitPrice(),
                status,
                r.reduceOnly());
    }

    @Test
    void anIntentIsJournaledOnceAndReadBackWhole() {
        JdbcHedgeJournal journal = journal();
        HedgeIntent intent = sell("vault-a@2026-01-08T13:00:00Z#hedge", "1.25");

        assertThat(journal.recordIntent(intent)).isTrue();
        assertThat(journal.recordIntent(intent)).as("the same decision again").isFalse();

        assertThat(journal.intent(intent.clientId())).contains(intent);
        assertThat(journal.inFlight()).containsExactly(intent);
        assertThat(journal.intent(ClientOrderId.of("never"))).isEmpty();
    }

    @Test
    void fillsMoveTheExpectedPositionOnceEachAndATerminalReportSettlesTheOrder() {
        JdbcHedgeJournal journal = journal();
        HedgeIntent intent = sell("d-1", "2");
        journal.recordIntent(intent);

        journal.recordOrder(intent.clientId(), report(intent, "0.5", OrderStatus.PARTIALLY_FILLED));
        journal.recordOrder(intent.clientId(), report(intent, "0.5", OrderStatus.PARTIALLY_FILLED));
        assertThat(journal.expectedPosition("hyperliquid", "ETH")).isEqualByComparingTo("-0.5");
        assertThat(journal.inFlight()).containsExactly(intent);

        journal.recordOrder(intent.clientId(), report(intent, "2", OrderStatus.FILLED));
        assertThat(journal.expectedPosition("hyperliquid", "ETH")).isEqualByComparingTo("-2");
        assertThat(journal.expectedPosition("dydx", "ETH")).isEqualByComparingTo("0");
        assertThat(journal.inFlight()).isEmpty();
    }

    @Test
    void anUnknownOutcomeStaysInFlightUntilResolvedAndANotPlacedOrderLeavesIt() {
        JdbcHedgeJournal journal = journal();
        HedgeIntent unknown = sell("d-unknown", "1");
        HedgeIntent refused = sell("d-refused", "1");
        journal.recordIntent(unknown);
        journal.recordIntent(refused);

        journal.recordUnknown(unknown.clientId(), "timeout after send");
        journal.recordNotPlaced(refused.clientId(), "rejected: insufficient margin");

        assertThat(journal.inFlight()).containsExactly(unknown);
        assertThat(journal.expectedPosition("hyperliquid", "ETH")).isEqualByComparingTo("0");
    }

    @Test
    void anAdoptedPositionDifferenceBecomesTheExpectationAndAnotherIsOnlyRecorded() {
        JdbcHedgeJournal journal = journal();
        HedgeIntent intent = sell("d-2", "1");
        journal.recordIntent(intent);
        journal.recordOrder(intent.clientId(), report(intent, "1", OrderStatus.FILLED));

        journal.recordDiscrepancy(
                new Discrepancy(
                        Discrepancy.Kind.POSITION,
                        "hyperliquid",
                        "ETH",
                        new BigDecimal("-1"),
                        new BigDecimal("-3.5"),
                        null,
                        "opened outside the keeper"),
                false);
        assertThat(journal.expectedPosition("hyperliquid", "ETH")).isEqualByComparingTo("-1");

        journal.recordDiscrepancy(
                new Discrepancy(
                        Discrepancy.Kind.POSITION,
                        "hyperliquid",
                        "ETH",
                        new BigDecimal("-1"),
                        new BigDecimal("-3.5"),
                        null,
                        "opened outside the keeper"),
                true);
        assertThat(journal.expectedPosition("hyperliquid", "ETH")).isEqualByComparingTo("-3.5");
    }

    @Test
    void whatWasJournaledSurvivesAReopenAndAReportForAnUnknownOrderIsRefused() {
        HedgeIntent intent = sell("d-3", "0.75");
        journal().recordIntent(intent);
        journal().recordUnknown(intent.clientId(), "connection reset");

        JdbcHedgeJournal reopened = journal();
        assertThat(reopened.inFlight()).containsExactly(intent);
        assertThat(reopened.recordIntent(intent)).isFalse();
        assertThatThrownBy(() -> reopened.recordOrder(
                        ClientOrderId.of("never"), report(sell("never", "1"), "1", OrderStatus.FILLED)))
                .hasMessageContaining("never journaled");
    }
}
