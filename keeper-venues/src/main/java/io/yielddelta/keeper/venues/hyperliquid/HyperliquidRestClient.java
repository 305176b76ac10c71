package io.yielddelta.keeper.venues.hyperliquid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.venues.hyperliquid.dto.AssetCtx;
import io.yielddelta.keeper.venues.hyperliquid.dto.ClearinghouseState;
import io.yielddelta.keeper.venues.hyperliquid.dto.Meta;
import io.yielddelta.keeper.venues.hyperliquid.dto.OpenOrder;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderStatusResponse;
import io.yielddelta.keeper.venues.hyperliquid.dto.UserFill;
import io.yielddelta.keeper.venues.transport.VenueHttp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The raw Hyperliquid REST service: POST /info requests (reads) and POST /exchange (signed actions) exactly as the
 * venue defines them, answered in its own shapes ({@code dto}), within the client-side weight budget. What an HTTP
 * answer means is {@link VenueHttp}'s one rule; a 200 {@code {"status":"err","response":…}} is the venue refusing the
 * action.
 */
final class HyperliquidRestClient {

    /** userFillsByTime answers at most this many fills per call. */
    private static final int FILLS_PAGE_LIMIT = 2000;

    private final HttpUrl infoUrl;
    private final HttpUrl exchangeUrl;
    private final VenueHttp http;
    private final ObjectMapper json;
    private final HyperliquidRateLimiter limiter;

    HyperliquidRestClient(HttpUrl baseUrl, VenueHttp http, ObjectMapper json, HyperliquidRateLimiter limiter) {
        this.infoUrl = baseUrl.newBuilder().addPathSegment("info").build();
        this.exchangeUrl = baseUrl.newBuilder().addPathSegment("exchange").build();
        this.http = http;
        this.json = json;
        this.limiter = limiter;
    }

    HttpUrl exchangeUrl() {
        return exchangeUrl;
    }

    /** The perpetuals' universe; an asset's position in it is the index orders name it by. */
    Meta meta() {
        return info(request("meta"), Meta.class);
    }

    /** The universe and, index for index, each perpetual's live context (mark, oracle, hourly funding). */
    MetaAndAssetCtxs metaAndAssetCtxs() {
        JsonNode reply = info(request("metaAndAssetCtxs"));
        return new MetaAndAssetCtxs(
                json.convertValue(reply.path(0), Meta.class),
                List.of(json.convertValue(reply.path(1), AssetCtx[].class)));
    }

    record MetaAndAssetCtxs(Meta meta, List<AssetCtx> assetCtxs) {}

    /** @param oidOrCloid the venue's order id (a number) or the keeper's cloid (0x + 32 hex digits) */
    OrderStatusResponse orderStatus(String user, Object oidOrCloid) {
        Map<String, Object> request = request("orderStatus", user);
        request.put("oid", oidOrCloid);
        return info(request, OrderStatusResponse.class);
    }

    /** The open orders with each one's cloid, original size and reduce-only flag (openOrders lacks them). */
    List<OpenOrder> frontendOpenOrders(String user) {
        return List.of(info(request("frontendOpenOrders", user), OpenOrder[].class));
    }

    ClearinghouseState clearinghouseState(String user) {
        return info(request("clearinghouseState", user), ClearinghouseState.class);
    }

    /** The account's fills at or after {@code since}, oldest first: userFillsByTime paged on from the last time seen. */
    List<UserFill> userFillsSince(String user, Instant since) {
        List<UserFill> all = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long start = since.toEpochMilli();
        while (true) {
            Map<String, Object> request = request("userFillsByTime", user);
            request.put("startTime", start);
            request.put("aggregateByTime", false);
            UserFill[] page = info(request, UserFill[].class);
            long latest = start;
            for (UserFill fill : page) {
                if (seen.add(fill.tid())) {
                    all.add(fill);
                }
                latest = Math.max(latest, fill.time());
            }
            if (page.length < FILLS_PAGE_LIMIT || latest == start) {
                break;
            }
            start = latest;
        }
        all.sort(Comparator.comparingLong(UserFill::time));
        return all;
    }

    /**
     * POST /exchange with a signed body; returns {@code response} of {@code {"status":"ok","response":…}}.
     *
     * @param clientId the order this action is about, named in an unknown outcome; may be null
     */
    JsonNode exchange(String body, int batchLength, ClientOrderId clientId) {
        limiter.acquire(HyperliquidRateLimiter.exchangeWeight(batchLength));
        JsonNode reply = http.act(post(exchangeUrl, body), clientId);
        if (!"ok".equals(reply.path("status").asText())) {
            JsonNode response = reply.path("response");
            throw new OrderRejectedException(
                    HyperliquidVenue.NAME, response.isTextual() ? response.asText() : reply.toString());
        }
        return reply.path("response");
    }

    private JsonNode info(Map<String, ?> request) {
        String type = String.valueOf(request.get("type"));
        limiter.acquire(HyperliquidRateLimiter.infoWeight(type));
        String body = write(request);
        JsonNode reply = http.read(() -> post(infoUrl, body));
        if (reply.isArray()) {
            limiter.charge(HyperliquidRateLimiter.infoResponseWeight(type, reply.size()));
        }
        return reply;
    }

    private <T> T info(Map<String, ?> request, Class<T> type) {
        return json.convertValue(info(request), type);
    }

    private static Map<String, Object> request(String type) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", type);
        return request;
    }

    private static Map<String, Object> request(String type, String user) {
        Map<String, Object> request = request(type);
        request.put("user", user);
        return request;
    }

    private static Request post(HttpUrl url, String body) {
        return new Request.Builder().url(url).post(VenueHttp.json(body)).build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
