package io.yielddelta.keeper.venues.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.venues.PreparedRequest;
import io.yielddelta.keeper.venues.ProtectiveLimit;
import io.yielddelta.keeper.venues.VenueOrders;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidMarkets.Asset;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidRequestSigner.SignedRequest;
import io.yielddelta.keeper.venues.hyperliquid.dto.CancelAction;
import io.yielddelta.keeper.venues.hyperliquid.dto.CancelByCloidAction;
import io.yielddelta.keeper.venues.hyperliquid.dto.CancelByCloidWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.CancelWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderAction;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderStatusResponse;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.UpdateLeverageAction;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders on Hyperliquid: each action is signed with a fresh nonce and sent to /exchange, and its per-order status read
 * back; orders are looked up by oid or by the keeper's cloid. Nonces are the clock's milliseconds, forced strictly
 * increasing (the venue refuses a reused nonce, which also stops a replayed request).
 */
final class HyperliquidTrading implements VenueOrders {

    private final HyperliquidConfig config;
    private final HyperliquidRequestSigner requests;
    private final HyperliquidRestClient rest;
    private final HyperliquidMarkets markets;
    private final Clock clock;
    private final String user;
    private final AtomicLong lastNonce = new AtomicLong();

    /** @param user the account whose orders are read */
    HyperliquidTrading(
            HyperliquidConfig config,
            HyperliquidRequestSigner requests,
            HyperliquidRestClient rest,
            HyperliquidMarkets markets,
            Clock clock,
            String user) {
        this.config = config;
        this.requests = requests;
        this.rest = rest;
        this.markets = markets;
        this.clock = clock;
        this.user = user;
    }

    @Override
    public VenueOrder place(OrderRequest request) {
        SignedRequest signed = signOrder(request, nextNonce());
        OrderWire wire = ((OrderAction) signed.action()).orders().getFirst();
        JsonNode status = firstStatus(rest.exchange(signed.body(), 1, request.clientId()));
        BigDecimal size = new BigDecimal(wire.s());
        BigDecimal price = new BigDecimal(wire.p());
        if (status.has("resting")) {
            return new VenueOrder(
                    status.path("resting").path("oid").asText(),
                    request.clientId(),
                    request.market(),
                    request.side(),
                    size,
                    BigDecimal.ZERO,
                    null,
                    price,
                    OrderStatus.OPEN,
                    request.reduceOnly());
        }
        if (status.has("filled")) {
            JsonNode filled = status.path("filled");
            BigDecimal filledSize = new BigDecimal(filled.path("totalSz").asText());
            // An IOC that did not fill completely has had its remainder cancelled.
            OrderStatus outcome = filledSize.compareTo(size) >= 0 ? OrderStatus.FILLED : OrderStatus.CANCELED;
            return new VenueOrder(
                    filled.path("oid").asText(),
                    request.clientId(),
                    request.market(),
                    request.side(),
                    size,
                    filledSize,
                    new BigDecimal(filled.path("avgPx").asText()),
                    price,
                    outcome,
                    request.reduceOnly());
        }
        // Any other answer (e.g. "waitingForFill") says nothing certain: ask the venue by cloid.
        return order(request.clientId().hex128())
                .orElseThrow(() -> new UnknownOutcomeException(HyperliquidVenue.NAME, request.clientId(), null));
    }

    @Override
    public PreparedRequest preview(OrderRequest request, long nonce) {
        SignedRequest signed = signOrder(request, nonce);
        Map<String, String> signature = new LinkedHashMap<>();
        signature.put("r", signed.signature().rHex());
        signature.put("s", signed.signature().sHex());
        signature.put("v", String.valueOf(signed.signature().v()));
        signature.put("signer", requests.signerAddress());
        signature.put("nonce", String.valueOf(nonce));
        signature.put("connectionId", "0x" + HexFormat.of().formatHex(signed.connectionId()));
        return new PreparedRequest(
                "POST",
                rest.exchangeUrl().toString(),
                Map.of("Content-Type", "application/json"),
                signed.body(),
                signature);
    }

    @Override
    public void cancel(String market, String venueOrderId) {
        CancelAction action =
                CancelAction.of(List.of(new CancelWire(markets.asset(market).index(), Long.parseLong(venueOrderId))));
        firstStatus(sendL1(action, null));
    }

    @Override
    public void cancelByClientId(String market, ClientOrderId clientId) {
        CancelByCloidAction action = CancelByCloidAction.of(
                List.of(new CancelByCloidWire(markets.asset(market).index(), clientId.hex128())));
        firstStatus(sendL1(action, clientId));
    }

    @Override
    public Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        return order(Long.parseLong(venueOrderId));
    }

    /** Orders carry the keeper's client id as cloid ({@link ClientOrderId#hex128()}). */
    @Override
    public Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        return order(clientId.hex128());
    }

    /** @param oidOrCloid the venue's order id (a number) or the keeper's cloid */
    private Optional<VenueOrder> order(Object oidOrCloid) {
        OrderStatusResponse response = rest.orderStatus(user, oidOrCloid);
        if (!"order".equals(response.status()) || response.order() == null) {
            return Optional.empty();
        }
        return Optional.of(HyperliquidAdapters.order(response.order()));
    }

    @Override
    public List<VenueOrder> openOrders() {
        return rest.frontendOpenOrders(user).stream()
                .map(HyperliquidAdapters::openOrder)
                .toList();
    }

    @Override
    public void setLeverage(String market, int leverage) {
        sendL1(UpdateLeverageAction.of(markets.asset(market).index(), config.crossMargin(), leverage), null);
    }

    private SignedRequest signOrder(OrderRequest request, long nonce) {
        Asset asset = markets.asset(request.market());
        if (Boolean.TRUE.equals(asset.meta().isDelisted())) {
            throw new OrderRejectedException(HyperliquidVenue.NAME, request.market() + " is delisted");
        }
        try {
            return requests.signOrder(asset.index(), asset.meta().szDecimals(), request, worstPrice(request), nonce);
        } catch (IllegalArgumentException e) {
            throw new OrderRejectedException(HyperliquidVenue.NAME, e.getMessage());
        }
    }

    /** The limit price, or for a market order without one the mark moved by the configured slippage. */
    private BigDecimal worstPrice(OrderRequest request) {
        if (request.limitPrice() != null) {
            return request.limitPrice();
        }
        if (request.type() != OrderType.MARKET_IOC) {
            throw new IllegalArgumentException(request.type() + " order needs a limit price");
        }
        return ProtectiveLimit.of(
                request.side(), markets.assetCtx(request.market()).markPx(), config.marketSlippage());
    }

    private JsonNode sendL1(Object action, ClientOrderId clientId) {
        return rest.exchange(requests.signL1(action, nextNonce()).body(), 1, clientId);
    }

    /** An order or cancel answers one status per item: a result, or {"error": reason}. */
    private static JsonNode firstStatus(JsonNode response) {
        JsonNode status = response.path("data").path("statuses").path(0);
        if (status.has("error")) {
            throw new OrderRejectedException(
                    HyperliquidVenue.NAME, status.path("error").asText());
        }
        return status;
    }

    private long nextNonce() {
        long now = clock.millis();
        return lastNonce.updateAndGet(last -> Math.max(now, last + 1));
    }
}
