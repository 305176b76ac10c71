package io.yielddelta.keeper.venues.dydx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.RateLimitedException;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import io.yielddelta.keeper.venues.dydx.dto.BroadcastTxRequest;
import io.yielddelta.keeper.venues.dydx.dto.BroadcastTxResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
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
 * HTTP to the dYdX indexer and to a node's REST gateway, with outcomes mapped onto the core's error types:
 * <ul>
 *   <li>429 → {@link RateLimitedException} (Retry-After in seconds or as an HTTP date; one second if absent);
 *   <li>5xx, or an I/O failure before the request body was fully written → {@link VenueUnavailableException};
 *   <li>an I/O failure or timeout after a broadcast was written → {@link UnknownOutcomeException}: the transaction may
 *       be in the mempool, so the order is looked up by client id instead of being sent again;
 *   <li>another 4xx → {@link OrderRejectedException} with the venue's own message.
 * </ul>
 * OkHttp's silent connection retries are off, so a broadcast is never sent twice behind the keeper's back.
 */
final class DydxRestClient {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final String venue;
    private final OkHttpClient http;
    private final ObjectMapper json;
    private final Clock clock;

    DydxRestClient(String venue, OkHttpClient http, ObjectMapper json, Clock clock) {
        this.venue = venue;
        this.http = http.newBuilder()
                .retryOnConnectionFailure(false)
                .eventListenerFactory(call -> new SendTracker())
                .build();
        this.json = json;
        this.clock = clock;
    }

    <T> T get(HttpUrl url, Class<T> type) {
        return find(url, type).orElseThrow(() -> new OrderRejectedException(venue, "HTTP 404 from " + url.encodedPath()));
    }

    /** A GET whose 404 means "no such thing" (an order id the indexer does not know). */
    <T> Optional<T> find(HttpUrl url, Class<T> type) {
        Request request = new Request.Builder().url(url).get().build();
        JsonNode body = execute(request, url, null, new SendProgress(), true);
        return body == null ? Optional.empty() : Optional.of(json.convertValue(body, type));
    }

    /** POST /cosmos/tx/v1beta1/txs in sync mode; the CheckTx outcome is the caller's to read. */
    BroadcastTxResponse broadcast(HttpUrl url, String txBase64, ClientOrderId clientId) {
        SendProgress progress = new SendProgress();
        Request request = new Request.Builder()
                .url(url)
                .post(RequestBody.create(write(BroadcastTxRequest.sync(txBase64)), JSON))
                .tag(SendProgress.class, progress)
                .build();
        JsonNode body = execute(request, url, clientId, progress, false);
        BroadcastTxResponse response = json.convertValue(body, BroadcastTxResponse.class);
        if (response.txResponse() == null) {
            throw new UnknownOutcomeException(venue, clientId, new IOException("broadcast answer without tx_response"));
        }
        return response;
    }

    private JsonNode execute(Request request, HttpUrl url, ClientOrderId clientId, SendProgress progress, boolean notFoundIsEmpty) {
        boolean isBroadcast = "POST".equals(request.method());
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            int code = response.code();
            if (code == 429) {
                throw new RateLimitedException(venue, retryAfter(response.header("Retry-After")));
            }
            if (code >= 500) {
                throw new VenueUnavailableException(venue, "HTTP " + code + " from " + url.encodedPath(), null);
            }
            if (code == 404 && notFoundIsEmpty) {
                return null;
            }
            if (code >= 400) {
                throw new OrderRejectedException(venue, "HTTP " + code + ": " + errorMessage(text));
            }
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            if (isBroadcast) {
                throw new UnknownOutcomeException(venue, clientId, e);
            }
            throw new VenueUnavailableException(venue, "unreadable response from " + url.encodedPath(), e);
        } catch (IOException e) {
            if (isBroadcast && progress.written.get()) {
                throw new UnknownOutcomeException(venue, clientId, e);
            }
            throw new VenueUnavailableException(venue, "request to " + url.encodedPath() + " failed: " + e, e);
        }
    }

    /** The indexer answers {"errors":[{"msg":…}]}; the gateway {"code":…,"message":…}; otherwise the raw text. */
    private String errorMessage(String text) {
        try {
            JsonNode body = json.readTree(text);
            if (body.path("errors").isArray() && !body.path("errors").isEmpty()) {
                StringBuilder out = new StringBuilder();
                body.path("errors").forEach(e -> out.append(out.isEmpty() ? "" : "; ").append(e.path("msg").asText(e.toString())));
                return out.toString();
            }
            if (body.hasNonNull("message")) {
                return body.path("message").asText();
            }
        } catch (JsonProcessingException notJson) {
            // fall through to the raw text
        }
        return text;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

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
