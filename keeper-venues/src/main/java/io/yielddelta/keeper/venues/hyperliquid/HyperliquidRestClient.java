package io.yielddelta.keeper.venues.hyperliquid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.venues.transport.VenueHttp;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The raw Hyperliquid REST service: POST /info (a read) and POST /exchange (an action), within the client-side weight
 * budget. What an HTTP answer means is {@link VenueHttp}'s one rule; a 200 {@code {"status":"err","response":…}} is
 * the venue refusing the action.
 */
final class HyperliquidRestClient {

    private final String venue;
    private final HttpUrl infoUrl;
    private final HttpUrl exchangeUrl;
    private final VenueHttp http;
    private final ObjectMapper json;
    private final HyperliquidRateLimiter limiter;

    HyperliquidRestClient(String venue, HttpUrl baseUrl, VenueHttp http, ObjectMapper json, HyperliquidRateLimiter limiter) {
        this.venue = venue;
        this.infoUrl = baseUrl.newBuilder().addPathSegment("info").build();
        this.exchangeUrl = baseUrl.newBuilder().addPathSegment("exchange").build();
        this.http = http;
        this.json = json;
        this.limiter = limiter;
    }

    HttpUrl exchangeUrl() {
        return exchangeUrl;
    }

    /** POST /info with a request such as {@code {"type":"meta"}}; returns the parsed body. */
    JsonNode info(Map<String, ?> request) {
        String type = String.valueOf(request.get("type"));
        limiter.acquire(HyperliquidRateLimiter.infoWeight(type));
        String body = write(request);
        JsonNode reply = http.read(() -> post(infoUrl, body));
        if (reply.isArray()) {
            limiter.charge(HyperliquidRateLimiter.infoResponseWeight(type, reply.size()));
        }
        return reply;
    }

    <T> T info(Map<String, ?> request, Class<T> type) {
        return json.convertValue(info(request), type);
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
            throw new OrderRejectedException(venue, response.isTextual() ? response.asText() : reply.toString());
        }
        return reply.path("response");
    }

    private static Request post(HttpUrl url, String body) {
        return new Request.Builder().url(url).post(VenueHttp.json(body)).build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
