package io.yielddelta.keeper.venues.coinbase;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.venues.PreparedRequest;
import io.yielddelta.keeper.venues.VenueOrders;
import io.yielddelta.keeper.venues.coinbase.dto.CancelOrdersResponse;
import io.yielddelta.keeper.venues.coinbase.dto.CreateOrderResponse;
import io.yielddelta.keeper.venues.coinbase.dto.GetOrderResponse;
import io.yielddelta.keeper.venues.coinbase.dto.ListOrdersResponse;
import io.yielddelta.keeper.venues.coinbase.dto.Order;
import io.yielddelta.keeper.venues.coinbase.dto.Product;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Orders on Coinbase Advanced Trade. Venue facts relied on: an order's {@code client_order_id} is unique per account,
 * so re-sending one returns the existing order instead of a second; leverage and margin type travel with each order;
 * the create-order body has no reduce-only flag, so a reduce-only order is checked against the position first and,
 * when it is a market order, sent through {@code close_position}, which can only shrink it.
 */
final class CoinbaseTrading implements VenueOrders {

    private final CoinbaseConfig config;
    private final CoinbaseRestClient rest;
    private final CdpJwtSigner signer;
    private final CoinbaseProducts products;
    private final CoinbaseAccount account;
    private final Set<String> reduceOnlyClientIds = ConcurrentHashMap.newKeySet();

    CoinbaseTrading(
            CoinbaseConfig config,
            CoinbaseRestClient rest,
            CdpJwtSigner signer,
            CoinbaseProducts products,
            CoinbaseAccount account) {
        this.config = config;
        this.rest = rest;
        this.signer = signer;
        this.products = products;
        this.account = account;
    }

    @Override
    public VenueOrder place(OrderRequest request) {
        Product product = products.product(request.market(), false);
        if (request.reduceOnly()) {
            checkReducesPosition(request);
            reduceOnlyClientIds.add(request.clientId().uuid());
        }
        CreateOrderResponse response;
        try {
            response = rest.act(orderCall(request, product), CreateOrderResponse.class, request.clientId());
        } catch (UnknownOutcomeException lost) {
            // The order may stand: look it up by client id once, never send it again blindly.
            Optional<VenueOrder> found;
            try {
                found = orderByClientId(request.market(), request.clientId());
            } catch (RuntimeException lookupFailed) {
                lost.addSuppressed(lookupFailed);
                throw lost;
            }
            return found.orElseThrow(() -> lost);
        }
        if (!Boolean.TRUE.equals(response.success())) {
            throw new OrderRejectedException(CoinbaseRestClient.VENUE, rejection(response));
        }
        String orderId =
                response.successResponse() != null ? response.successResponse().orderId() : response.orderId();
        return orderByVenueId(request.market(), orderId)
                .orElseGet(() -> new VenueOrder(
                        orderId,
                        request.clientId(),
                        request.market(),
                        request.side(),
                        request.size(),
                        BigDecimal.ZERO,
                        null,
                        request.limitPrice(),
                        OrderStatus.OPEN,
                        request.reduceOnly()));
    }

    /**
     * The exact request {@link #place} would send, signed with {@code nonce} as the token's {@code nbf} (and its
     * header nonce derived from it, so the output is reproducible). The bearer token itself is masked: it is a
     * credential for two minutes.
     */
    @Override
    public PreparedRequest preview(OrderRequest request, long nonce) {
        CoinbaseRequest call = orderCall(request, products.product(request.market(), false));
        String uri = call.method() + " " + config.jwtHost() + call.path();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer ***");
        headers.put("Content-Type", "application/json");
        Map<String, String> signature = new LinkedHashMap<>();
        signature.put("alg", signer.key().algorithm().name());
        signature.put("jwt.header", signer.headerJson(previewNonce(nonce)));
        signature.put("jwt.claims", signer.claimsJson(nonce, uri));
        return new PreparedRequest(call.method(), rest.url(call).toString(), headers, call.body(), signature);
    }

    @Override
    public void cancel(String market, String venueOrderId) {
        CancelOrdersResponse response =
                rest.act(CoinbaseRequests.cancelOrders(List.of(venueOrderId)), CancelOrdersResponse.class, null);
        for (CancelOrdersResponse.Result result :
                response.results() == null ? List.<CancelOrdersResponse.Result>of() : response.results()) {
            if (venueOrderId.equals(result.orderId()) && !Boolean.TRUE.equals(result.success())) {
                throw new OrderRejectedException(
                        CoinbaseRestClient.VENUE, "cancel " + venueOrderId + ": " + result.failureReason());
            }
        }
    }

    @Override
    public void cancelByClientId(String market, ClientOrderId clientId) {
        VenueOrder order = orderByClientId(market, clientId)
                .orElseThrow(() -> new OrderRejectedException(
                        CoinbaseRestClient.VENUE, "no " + market + " order with client id " + clientId));
        cancel(market, order.venueOrderId());
    }

    @Override
    public Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        GetOrderResponse response = rest.sendOrNull(CoinbaseRequests.getOrder(venueOrderId), GetOrderResponse.class);
        if (response == null || response.order() == null) {
            return Optional.empty();
        }
        return Optional.of(toVenueOrder(market, response.order()));
    }

    /** Coinbase cannot filter orders by client id: pages through the market's orders, newest first. */
    @Override
    public Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        String wanted = clientId.uuid();
        List<VenueOrder> found = new ArrayList<>();
        listOrders(List.of(products.productId(market)), null, order -> {
            if (wanted.equals(order.clientOrderId())) {
                found.add(toVenueOrder(market, order));
            }
            return found.isEmpty();
        });
        return found.stream().findFirst();
    }

    @Override
    public List<VenueOrder> openOrders() {
        List<VenueOrder> open = new ArrayList<>();
        listOrders(List.copyOf(config.products().values()), "OPEN", order -> {
            String market = config.market(order.productId());
            if (market != null) {
                open.add(toVenueOrder(market, order));
            }
            return true;
        });
        return open;
    }

    @Override
    public void setLeverage(String market, int leverage) {
        account.setLeverage(market, leverage);
    }

    /** The request {@link #place} sends, with the market's current leverage and the configured margin type. */
    private CoinbaseRequest orderCall(OrderRequest request, Product product) {
        return CoinbaseOrders.orderCall(
                request,
                product,
                CoinbaseAdapters.contractSize(product, config.derivatives()),
                config.marginType(),
                account.leverage(request.market()));
    }

    private void checkReducesPosition(OrderRequest request) {
        BigDecimal current = account.positions().stream()
                .filter(p -> p.market().equals(request.market()))
                .map(Position::size)
                .findFirst()
                .orElse(BigDecimal.ZERO);
        BigDecimal after = current.add(HedgeVenue.signed(request.side(), request.size()));
        boolean shrinks = current.signum() != 0
                && after.abs().compareTo(current.abs()) < 0
                && after.signum() != -current.signum();
        if (!shrinks) {
            throw new OrderRejectedException(
                    CoinbaseRestClient.VENUE,
                    "reduce-only " + request.side() + " "
                            + request.size().toPlainString() + " " + request.market()
                            + " would not reduce the position of "
                            + current.toPlainString());
        }
    }

    /** Lists orders page by page (at most {@value CoinbaseAccount#MAX_PAGES}) while {@code more} asks for more. */
    private void listOrders(List<String> productIds, String status, Predicate<Order> more) {
        String cursor = null;
        for (int page = 0; page < CoinbaseAccount.MAX_PAGES; page++) {
            ListOrdersResponse response = rest.send(
                    CoinbaseRequests.listOrders(productIds, status, CoinbaseAccount.PAGE_SIZE, null, cursor),
                    ListOrdersResponse.class);
            for (Order order : response.orders() == null ? List.<Order>of() : response.orders()) {
                if (!more.test(order)) {
                    return;
                }
            }
            if (!Boolean.TRUE.equals(response.hasNext())
                    || response.cursor() == null
                    || response.cursor().isEmpty()) {
                return;
            }
            cursor = response.cursor();
        }
    }

    private VenueOrder toVenueOrder(String market, Order order) {
        ClientOrderId clientId = CoinbaseAdapters.clientId(order.clientOrderId());
        if (clientId != null && order.orderId() != null) {
            account.seen(order.orderId(), clientId);
        }
        return CoinbaseAdapters.order(
                market,
                order,
                products.contractSize(market),
                order.clientOrderId() != null && reduceOnlyClientIds.contains(order.clientOrderId()));
    }

    private static String rejection(CreateOrderResponse response) {
        var error = response.errorResponse();
        if (error == null) {
            return response.failureReason() != null ? response.failureReason() : "order not accepted";
        }
        StringBuilder reason = new StringBuilder(error.error() != null ? error.error() : "UNKNOWN_FAILURE_REASON");
        if (error.message() != null) reason.append(": ").append(error.message());
        if (error.previewFailureReason() != null)
            reason.append(" (").append(error.previewFailureReason()).append(')');
        if (error.newOrderFailureReason() != null)
            reason.append(" (").append(error.newOrderFailureReason()).append(')');
        return reason.toString();
    }

    private static String previewNonce(long nonce) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(("preview-" + nonce).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }
}
