package io.yielddelta.keeper.venues.coinbase;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.yielddelta.keeper.venues.coinbase.dto.AllocatePortfolioRequest;
import io.yielddelta.keeper.venues.coinbase.dto.CancelOrdersRequest;
import io.yielddelta.keeper.venues.coinbase.dto.ClosePositionRequest;
import io.yielddelta.keeper.venues.coinbase.dto.CreateOrderRequest;
import io.yielddelta.keeper.venues.coinbase.dto.EditOrderRequest;
import io.yielddelta.keeper.venues.coinbase.dto.MultiAssetCollateralRequest;
import io.yielddelta.keeper.venues.coinbase.dto.PreviewOrderRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the Advanced Trade requests (method, path, query, body) the keeper sends. Pure: no clock, no key, no I/O, so
 * the official SDK's request expectations can be checked against it one by one.
 */
final class CoinbaseRequests {

    static final String PREFIX = "/api/v3/brokerage";

    private CoinbaseRequests() {}

    static CoinbaseRequest createOrder(CreateOrderRequest order) {
        return post("/orders", order);
    }

    static CoinbaseRequest previewOrder(PreviewOrderRequest order) {
        return post("/orders/preview", order);
    }

    static CoinbaseRequest cancelOrders(List<String> orderIds) {
        return post("/orders/batch_cancel", new CancelOrdersRequest(List.copyOf(orderIds)));
    }

    static CoinbaseRequest editOrder(EditOrderRequest edit) {
        return post("/orders/edit", edit);
    }

    static CoinbaseRequest previewEditOrder(EditOrderRequest edit) {
        return post("/orders/edit_preview", edit);
    }

    static CoinbaseRequest closePosition(ClosePositionRequest close) {
        return post("/orders/close_position", close);
    }

    static CoinbaseRequest getOrder(String orderId) {
        return get("/orders/historical/" + segment(orderId), new Query());
    }

    /** {@code GET /orders/historical/batch}; pass null or empty for what is not filtered on. */
    static CoinbaseRequest listOrders(
            List<String> productIds, String orderStatus, Integer limit, String productType, String cursor) {
        return get(
                "/orders/historical/batch",
                new Query()
                        .add("product_ids", productIds)
                        .add("order_status", orderStatus)
                        .add("limit", limit)
                        .add("product_type", productType)
                        .add("cursor", cursor));
    }

    /** {@code GET /orders/historical/fills}; {@code startSequenceTimestamp} is RFC 3339. */
    static CoinbaseRequest listFills(
            List<String> orderIds,
            List<String> productIds,
            String startSequenceTimestamp,
            String retailPortfolioId,
            Integer limit,
            String cursor) {
        return get(
                "/orders/historical/fills",
                new Query()
                        .add("order_ids", orderIds)
                        .add("product_ids", productIds)
                        .add("start_sequence_timestamp", startSequenceTimestamp)
                        .add("retail_portfolio_id", retailPortfolioId)
                        .add("limit", limit)
                        .add("cursor", cursor));
    }

    static CoinbaseRequest getProduct(String productId) {
        return get("/products/" + segment(productId), new Query());
    }

    /** Perpetual-style futures: {@code product_type=FUTURE}, {@code contract_expiry_type=PERPETUAL}. */
    static CoinbaseRequest listPerpetualProducts() {
        return get("/products", new Query().add("product_type", "FUTURE").add("contract_expiry_type", "PERPETUAL"));
    }

    // US derivatives (Coinbase Financial Markets)

    static CoinbaseRequest listFuturesPositions() {
        return get("/cfm/positions", new Query());
    }

    static CoinbaseRequest futuresBalanceSummary() {
        return get("/cfm/balance_summary", new Query());
    }

    // International perpetuals (INTX)

    static CoinbaseRequest allocatePortfolio(String portfolioUuid, String symbol, String amount, String currency) {
        return post("/intx/allocate", new AllocatePortfolioRequest(portfolioUuid, symbol, amount, currency));
    }

    static CoinbaseRequest perpetualsPortfolioSummary(String portfolioUuid) {
        return get("/intx/portfolio/" + segment(portfolioUuid), new Query());
    }

    static CoinbaseRequest perpetualsPositions(String portfolioUuid) {
        return get("/intx/positions/" + segment(portfolioUuid), new Query());
    }

    static CoinbaseRequest perpetualsPosition(String portfolioUuid, String symbol) {
        return get("/intx/positions/" + segment(portfolioUuid) + "/" + segment(symbol), new Query());
    }

    static CoinbaseRequest perpetualsPortfolioBalances(String portfolioUuid) {
        return get("/intx/balances/" + segment(portfolioUuid), new Query());
    }

    static CoinbaseRequest multiAssetCollateral(String portfolioUuid, boolean enabled) {
        return post("/intx/multi_asset_collateral", new MultiAssetCollateralRequest(portfolioUuid, enabled));
    }

    private static CoinbaseRequest post(String path, Object body) {
        try {
            return new CoinbaseRequest(
                    "POST", PREFIX + path, List.of(), CoinbaseJson.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot serialise " + body.getClass().getSimpleName(), e);
        }
    }

    private static CoinbaseRequest get(String path, Query query) {
        return new CoinbaseRequest("GET", PREFIX + path, query.params, null);
    }

    /** Ids go into the path: refuse anything that would change the path rather than escape it silently. */
    private static String segment(String id) {
        if (id == null
                || id.isEmpty()
                || !URLEncoder.encode(id, StandardCharsets.UTF_8).equals(id)) {
            throw new IllegalArgumentException("not a plain Coinbase id: '" + id + "'");
        }
        return id;
    }

    /** Query parameters in insertion order; nulls and empty lists dropped, lists as repeated keys. */
    private static final class Query {
        private final List<Map.Entry<String, String>> params = new ArrayList<>();

        Query add(String key, Object value) {
            if (value instanceof List<?> list) {
                list.forEach(v -> params.add(Map.entry(key, v.toString())));
            } else if (value != null) {
                params.add(Map.entry(key, value.toString()));
            }
            return this;
        }
    }
}
