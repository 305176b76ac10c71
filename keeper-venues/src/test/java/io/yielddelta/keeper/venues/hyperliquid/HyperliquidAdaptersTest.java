package io.yielddelta.keeper.venues.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.venues.hyperliquid.dto.ClearinghouseState;
import io.yielddelta.keeper.venues.hyperliquid.dto.OpenOrder;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderStatusResponse;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderWithStatus;
import io.yielddelta.keeper.venues.hyperliquid.dto.UserFill;
import io.yielddelta.keeper.venues.hyperliquid.dto.WsUserFills;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The documented response shapes (fixtures) mapped onto the core's types. */
class HyperliquidAdaptersTest {

    private static <T> T read(String fixture, String path, Class<T> type) {
        var node = FakeHyperliquid.fixture(fixture);
        for (String step : path.isEmpty() ? new String[0] : path.split("/")) {
            node = step.matches("\\d+") ? node.get(Integer.parseInt(step)) : node.get(step);
        }
        return FakeHyperliquid.JSON.convertValue(node, type);
    }

    @Test
    void clearinghouseStateGivesPositionsAndMargin() {
        ClearinghouseState state = read("clearinghouseState.json", "", ClearinghouseState.class);
        Position position =
                HyperliquidAdapters.position(state.assetPositions().getFirst().position());
        assertThat(position.market()).isEqualTo("ETH");
        assertThat(position.size()).isEqualByComparingTo("0.0335");
        assertThat(position.entryPrice()).isEqualByComparingTo("2986.3");
        assertThat(position.liquidationPrice()).isEqualByComparingTo("2866.26936529");
        assertThat(position.unrealizedPnl()).isEqualByComparingTo("-0.0134");
        assertThat(position.leverage()).isEqualTo(20);
        Margin margin = HyperliquidAdapters.margin(state);
        assertThat(margin.accountValue()).isEqualByComparingTo("13109.482328");
        assertThat(margin.marginUsed()).isEqualByComparingTo("4.967826");
        assertThat(margin.withdrawable()).isEqualByComparingTo("13104.514502");
    }

    @Test
    void userFillBecomesAFill() {
        Fill fill = HyperliquidAdapters.fill(read("userFills.json", "0", UserFill.class));
        assertThat(fill.fillId()).isEqualTo("118906512037719");
        assertThat(fill.venueOrderId()).isEqualTo("90542681");
        assertThat(fill.clientId()).isNull();
        assertThat(fill.market()).isEqualTo("AVAX");
        assertThat(fill.side()).isEqualTo(Side.BUY);
        assertThat(fill.size()).isEqualByComparingTo("93.53");
        assertThat(fill.price()).isEqualByComparingTo("18.435");
        assertThat(fill.fee()).isEqualByComparingTo("0.01");
        assertThat(fill.time()).isEqualTo(Instant.ofEpochMilli(1681222254710L));
        WsUserFills streamed = read("ws_userFills.json", "data", WsUserFills.class);
        assertThat(streamed.isSnapshot()).isTrue();
        assertThat(HyperliquidAdapters.fill(streamed.fills().getFirst())).isEqualTo(fill);
    }

    @Test
    void orderStatusOfAFilledMarketOrder() {
        OrderStatusResponse response = read("orderStatus.json", "", OrderStatusResponse.class);
        VenueOrder order = HyperliquidAdapters.order(response.order());
        assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(order.side()).isEqualTo(Side.SELL);
        assertThat(order.size()).isEqualByComparingTo("0.0076");
        assertThat(order.filledSize()).isEqualByComparingTo("0.0076");
        assertThat(order.reduceOnly()).isTrue();
        assertThat(order.clientId()).isNull();
        assertThat(read("orderStatus_unknownOid.json", "", OrderStatusResponse.class)
                        .order())
                .isNull();
    }

    @Test
    void openOrdersAndOrderUpdates() {
        VenueOrder open = HyperliquidAdapters.openOrder(read("frontendOpenOrders.json", "0", OpenOrder.class));
        assertThat(open.status()).isEqualTo(OrderStatus.OPEN);
        assertThat(open.venueOrderId()).isEqualTo("91490942");
        assertThat(open.size()).isEqualByComparingTo("5.0");
        assertThat(open.filledSize()).isEqualByComparingTo("0");
        assertThat(open.limitPrice()).isEqualByComparingTo("29792.0");

        VenueOrder update = HyperliquidAdapters.order(read("ws_orderUpdates.json", "data/0", OrderWithStatus.class));
        assertThat(update.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(update.filledSize()).isEqualByComparingTo("0.2");
        assertThat(update.clientId())
                .isEqualTo(new ClientOrderId("any", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
    }

    @Test
    void everyDocumentedStatusMaps() {
        assertThat(HyperliquidAdapters.status("open")).isEqualTo(OrderStatus.OPEN);
        assertThat(HyperliquidAdapters.status("triggered")).isEqualTo(OrderStatus.OPEN);
        assertThat(HyperliquidAdapters.status("filled")).isEqualTo(OrderStatus.FILLED);
        assertThat(HyperliquidAdapters.status("canceled")).isEqualTo(OrderStatus.CANCELED);
        assertThat(HyperliquidAdapters.status("marginCanceled")).isEqualTo(OrderStatus.CANCELED);
        assertThat(HyperliquidAdapters.status("reduceOnlyCanceled")).isEqualTo(OrderStatus.CANCELED);
        assertThat(HyperliquidAdapters.status("scheduledCancel")).isEqualTo(OrderStatus.CANCELED);
        assertThat(HyperliquidAdapters.status("rejected")).isEqualTo(OrderStatus.REJECTED);
        assertThat(HyperliquidAdapters.status("badAloPxRejected")).isEqualTo(OrderStatus.REJECTED);
        assertThat(HyperliquidAdapters.status("iocCancelRejected")).isEqualTo(OrderStatus.REJECTED);
        assertThatThrownBy(() -> HyperliquidAdapters.status("somethingNew"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
