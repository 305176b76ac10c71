package io.yielddelta.keeper.venues.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.venues.coinbase.dto.ClosePositionRequest;
import io.yielddelta.keeper.venues.coinbase.dto.CreateOrderRequest;
import io.yielddelta.keeper.venues.coinbase.dto.EditOrderRequest;
import io.yielddelta.keeper.venues.coinbase.dto.OrderConfiguration;
import io.yielddelta.keeper.venues.coinbase.dto.PreviewOrderRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request case of the official SDK tests (orders and perpetuals endpoints), built by {@link CoinbaseRequests}
 * from the SDK call's arguments and compared with the method, path, query and JSON body the SDK test expects.
 */
class CoinbaseRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<JsonNode> orderCases() {
        return cases("ordersRequestCases");
    }

    static Stream<JsonNode> perpetualsCases() {
        return cases("perpetualsRequestCases");
    }

    @Test
    void allOfficialCasesArePresent() {
        JsonNode counts = CoinbaseVectors.ROOT.path("counts");
        assertThat(orderCases().count())
                .isEqualTo(counts.path("ordersRequestCases").asLong())
                .isEqualTo(63);
        assertThat(perpetualsCases().count())
                .isEqualTo(counts.path("perpetualsRequestCases").asLong())
                .isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"orderCases", "perpetualsCases"})
    void requestMatchesTheSdkTest(JsonNode testCase) throws Exception {
        CoinbaseRequest request = build(testCase.path("sdkMethod").asText(), testCase.path("sdkArgs"));

        assertThat(request.method()).isEqualTo(testCase.path("method").asText());
        assertThat(request.path()).isEqualTo(testCase.path("path").asText());
        // The SDK's HTTP mock lower-cases the URL before comparing; the wire keeps the case (see queryNote).
        assertThat(request.queryString().toLowerCase(Locale.ROOT))
                .isEqualTo(testCase.path("expectedQueryAsAsserted").asText());
        JsonNode expectedBody = testCase.path("expectedJsonBody");
        if (expectedBody.isNull() || expectedBody.isMissingNode()) {
            assertThat(request.body()).isNull();
        } else {
            assertThat(JSON.readTree(request.body())).isEqualTo(expectedBody);
        }
    }

    @Test
    void listOrdersKeepsTheCaseOfValuesOnTheWire() {
        CoinbaseRequest request = CoinbaseRequests.listOrders(List.of("ETH-PERP-INTX"), "OPEN", null, "FUTURE", null);
        assertThat(request.target())
                .isEqualTo(
                        "/api/v3/brokerage/orders/historical/batch?product_ids=ETH-PERP-INTX&order_status=OPEN&product_type=FUTURE");
    }

    /** Maps one SDK call onto the request builder: the SDK helper names say which order configuration they send. */
    private static CoinbaseRequest build(String sdkMethod, JsonNode args) {
        switch (sdkMethod) {
            case "create_order":
                return CoinbaseRequests.createOrder(new CreateOrderRequest(
                        text(args, "client_order_id"),
                        text(args, "product_id"),
                        text(args, "side"),
                        configuration(args.path("order_configuration")),
                        text(args, "self_trade_prevention_id"),
                        text(args, "margin_type"),
                        text(args, "leverage"),
                        text(args, "retail_portfolio_id")));
            case "get_order":
                return CoinbaseRequests.getOrder(text(args, "order_id"));
            case "list_orders":
                return CoinbaseRequests.listOrders(
                        list(args, "product_ids"),
                        text(args, "order_status"),
                        integer(args, "limit"),
                        text(args, "product_type"),
                        text(args, "cursor"));
            case "get_fills":
                return CoinbaseRequests.listFills(
                        list(args, "order_ids"),
                        list(args, "product_ids"),
                        null,
                        text(args, "retail_portfolio_id"),
                        integer(args, "limit"),
                        text(args, "cursor"));
            case "edit_order":
                return CoinbaseRequests.editOrder(edit(args));
            case "preview_edit_order":
                return CoinbaseRequests.previewEditOrder(edit(args));
            case "cancel_orders":
                return CoinbaseRequests.cancelOrders(list(args, "order_ids"));
            case "close_position":
                return CoinbaseRequests.closePosition(new ClosePositionRequest(
                        text(args, "client_order_id"), text(args, "product_id"), text(args, "size")));
            case "preview_order":
                return CoinbaseRequests.previewOrder(new PreviewOrderRequest(
                        text(args, "product_id"),
                        text(args, "side"),
                        configuration(args.path("order_configuration")),
                        text(args, "leverage"),
                        text(args, "margin_type"),
                        text(args, "retail_portfolio_id")));
            case "allocate_portfolio":
                return CoinbaseRequests.allocatePortfolio(
                        text(args, "portfolio_uuid"),
                        text(args, "symbol"),
                        text(args, "amount"),
                        text(args, "currency"));
            case "get_perps_portfolio_summary":
                return CoinbaseRequests.perpetualsPortfolioSummary(text(args, "portfolio_uuid"));
            case "list_perps_positions":
                return CoinbaseRequests.perpetualsPositions(text(args, "portfolio_uuid"));
            case "get_perps_position":
                return CoinbaseRequests.perpetualsPosition(text(args, "portfolio_uuid"), text(args, "symbol"));
            case "get_perps_portfolio_balances":
                return CoinbaseRequests.perpetualsPortfolioBalances(text(args, "portfolio_uuid"));
            case "opt_in_or_out_multi_asset_collateral":
                return CoinbaseRequests.multiAssetCollateral(
                        text(args, "portfolio_uuid"),
                        args.path("multi_asset_collateral_enabled").asBoolean());
            default:
                return orderHelper(sdkMethod, args);
        }
    }

    /** {@code [preview_]<kind>_order[_<tif>][_buy|_sell]}: the SDK's typed order helpers. */
    private static CoinbaseRequest orderHelper(String sdkMethod, JsonNode args) {
        boolean preview = sdkMethod.startsWith("preview_");
        String name = preview ? sdkMethod.substring("preview_".length()) : sdkMethod;
        String side = text(args, "side");
        if (name.endsWith("_buy")) {
            side = "BUY";
            name = name.substring(0, name.length() - 4);
        } else if (name.endsWith("_sell")) {
            side = "SELL";
            name = name.substring(0, name.length() - 5);
        }
        String base = text(args, "base_size");
        String limit = text(args, "limit_price");
        OrderConfiguration configuration = switch (name) {
            case "market_order" -> OrderConfiguration.marketIoc(text(args, "quote_size"), base);
            case "limit_order_ioc" -> OrderConfiguration.limitIoc(base, limit);
            case "limit_order_gtc" -> OrderConfiguration.limitGtc(base, limit, bool(args, "post_only"));
            case "limit_order_gtd" ->
                OrderConfiguration.limitGtd(base, limit, text(args, "end_time"), bool(args, "post_only"));
            case "limit_order_fok" -> OrderConfiguration.limitFok(base, limit);
            case "stop_limit_order_gtc" ->
                OrderConfiguration.stopLimitGtc(base, limit, text(args, "stop_price"), text(args, "stop_direction"));
            case "stop_limit_order_gtd" ->
                OrderConfiguration.stopLimitGtd(
                        base, limit, text(args, "stop_price"), text(args, "end_time"), text(args, "stop_direction"));
            case "trigger_bracket_order_gtc" ->
                OrderConfiguration.triggerBracketGtc(base, limit, text(args, "stop_trigger_price"));
            case "trigger_bracket_order_gtd" ->
                OrderConfiguration.triggerBracketGtd(
                        base, limit, text(args, "stop_trigger_price"), text(args, "end_time"));
            default -> throw new AssertionError("SDK method without a mapping: " + sdkMethod);
        };
        if (preview) {
            return CoinbaseRequests.previewOrder(new PreviewOrderRequest(
                    text(args, "product_id"),
                    side,
                    configuration,
                    text(args, "leverage"),
                    text(args, "margin_type"),
                    text(args, "retail_portfolio_id")));
        }
        return CoinbaseRequests.createOrder(new CreateOrderRequest(
                text(args, "client_order_id"),
                text(args, "product_id"),
                side,
                configuration,
                text(args, "self_trade_prevention_id"),
                text(args, "margin_type"),
                text(args, "leverage"),
                text(args, "retail_portfolio_id")));
    }

    /** create_order passes its order_configuration through as the caller wrote it. */
    private static OrderConfiguration configuration(JsonNode node) {
        return CoinbaseJson.mapper().convertValue(node, OrderConfiguration.class);
    }

    private static EditOrderRequest edit(JsonNode args) {
        return new EditOrderRequest(text(args, "order_id"), text(args, "size"), text(args, "price"));
    }

    private static String text(JsonNode args, String field) {
        return args.hasNonNull(field) ? args.get(field).asText() : null;
    }

    private static Integer integer(JsonNode args, String field) {
        return args.hasNonNull(field) ? args.get(field).asInt() : null;
    }

    private static Boolean bool(JsonNode args, String field) {
        return args.hasNonNull(field) ? args.get(field).asBoolean() : null;
    }

    private static List<String> list(JsonNode args, String field) {
        List<String> values = new ArrayList<>();
        args.path(field).forEach(v -> values.add(v.asText()));
        return values.isEmpty() ? null : values;
    }

    private static Stream<JsonNode> cases(String field) {
        List<JsonNode> list = new ArrayList<>();
        CoinbaseVectors.ROOT.path(field).forEach(list::add);
        return list.stream();
    }
}
