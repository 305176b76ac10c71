package io.yielddelta.keeper.venues.hyperliquid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.RateLimitedException;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The raw Hyperliquid REST service: POST /info and POST /exchange, with the venue's HTTP outcomes mapped onto the
 * core's error types.
 *
 * <ul>
 *   <li>429 → {@link RateLimitedException} (Retry-After honoured, one second if absent);
 *   <li>5xx, or an I/O failure before the request was fully written → {@link VenueUnavailableException};
 *   <li>an I/O failure or timeout after an exchange request was written → {@link UnknownOutcomeException}: the action
 *       may have been applied, so the caller looks the order up by cloid instead of sending it again;
 *   <li>another 4xx, or a 200 with {@code {"status":"err","response":"…"}} → {@link OrderRejectedException}.
 * </ul>
 *
 * Automatic connection-failure retries are off: OkHttp could otherwise re-send an order whose response was lost.
 */
final class HyperliquidRestClient {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final String venue;
    private final HttpUrl infoUrl;
    private final HttpUrl exchangeUrl;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final HyperliquidRateLimiter limiter;
    private final Clock clock;

    HyperliquidRestClient(
            String venue, HttpUrl baseUrl, OkHttpClient http, ObjectMapper json, HyperliquidRateLimiter limiter, Clock clock) {
        this.venue = venue;
        this.infoUrl = baseUrl.newBuilder().addPathSegment("info").build();
        this.exchangeUrl = baseUrl.newBuilder().addPathSegment("exchange").build();
        this.http = http.newBuilder()
                .retryOnConnectionFailure(false)
                .eventListenerFactory(call -> new SendTracker())
                .build();
        this.json = json;
        this.limiter = limiter;
        this.clock = clock;
    }

    HttpUrl exchangeUrl() {
        return exchangeUrl;
    }

    /** POST /info with a request such as {@code {"type":"meta"}}; returns the parsed body. */
    JsonNode info(Map<String, ?> request) {
        String type = String.valueOf(request.get("type"));
        limiter.acquire(HyperliquidRateLimiter.infoWeight(type));
        JsonNode body = post(infoUrl, write(request), null, false);
        if (body.isArray()) {
            limiter.charge(HyperliquidRateLimiter.infoResponseWeight(type, body.size()));
        }
        return body;
    }

    <T> T info(Map<String, ?> request, Class<T> type) {
        return json.convertValue(info(request), type);
    }

    /**
     * POST /exchange with a signed body; returns {@code response} of {@code {"status":"ok","response":…}}.
     *
     * @param clientId the order this action is about, named in an {@link UnknownOutcomeException}; may be null
     */
    JsonNode exchange(String body, int batchLength, ClientOrderId clientId) {
        limiter.acquire(HyperliquidRateLimiter.exchangeWeight(batchLength));
        JsonNode reply = post(exchangeUrl, body, clientId, true);
        if (!"ok".equals(reply.path("status").asText())) {
            JsonNode response = reply.path("response");
            throw new OrderRejectedException(venue, response.isTextual() ? response.asText() : reply.toString());
        }
        return reply.path("response");
    }

    private JsonNode post(HttpUrl url, String body, ClientOrderId clientId, boolean isAction) {
        SendProgress progress = new SendProgress();
        Request request = new Request.Builder()
                .url(url)
                .post(RequestBody.create(body, JSON))
                .tag(SendProgress.class, progress)
                .build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            int code = response.code();
            if (code == 429) {
                throw new RateLimitedException(venue, retryAfter(response.header("Retry-After")));
            }
            if (code >= 500) {
                throw new VenueUnavailableException(venue, "HTTP " + code + " from " + url.encodedPath(), null);
            }
            if (code >= 400) {
                throw new OrderRejectedException(venue, "HTTP " + code + ": " + text);
            }
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new VenueUnavailableException(venue, "unreadable response from " + url.encodedPath(), e);
        } catch (IOException e) {
            if (isAction && progress.written.get()) {
                throw new UnknownOutcomeException(venue, clientId, e);
            }
            throw new VenueUnavailableException(venue, "request to " + url.encodedPath() + " failed: " + e, e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Retry-After as delay-seconds or an HTTP date. */
    private Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(clock.instant(),
                        ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    /** Whether a request's body reached the socket: after that, a lost response leaves the outcome unknown. */
    private static final class SendProgress {
        final AtomicBoolean written = new AtomicBoolean();
    }

    private static final class SendTracker extends EventListener {
        @Override
        public void requestBodyEnd(Call call, long byteCount) {
            SendProgress progress = call.request().tag(SendProgress.class);
            if (progress != null) {
                progress.written.set(true);
            }
        }
    }
}
