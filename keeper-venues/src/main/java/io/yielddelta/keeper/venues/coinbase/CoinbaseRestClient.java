package io.yielddelta.keeper.venues.coinbase;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.RateLimitedException;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import io.yielddelta.keeper.venues.coinbase.dto.ApiError;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends signed Advanced Trade requests and maps failures onto the core's venue errors: 429 → rate limited (and no
 * further request until the venue's retry time has passed), 5xx or no connection → unavailable, other non-2xx →
 * rejected with the venue's words; a submit whose answer is lost → unknown outcome. Logs never carry the token.
 */
final class CoinbaseRestClient {

    static final String VENUE = "coinbase";
    private static final Logger log = LoggerFactory.getLogger(CoinbaseRestClient.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String jwtHost;
    private final CdpJwtSigner signer;
    private final Clock clock;
    private final ObjectMapper json = CoinbaseJson.mapper();
    private volatile Instant blockedUntil = Instant.MIN;

    CoinbaseRestClient(OkHttpClient http, String baseUrl, String jwtHost, CdpJwtSigner signer, Clock clock) {
        this.http = http;
        this.baseUrl = HttpUrl.get(baseUrl);
        this.jwtHost = jwtHost;
        this.signer = signer;
        this.clock = clock;
    }

    <T> T send(CoinbaseRequest request, Class<T> type) {
        return send(request, type, null);
    }

    /** Like {@link #send(CoinbaseRequest, Class)}, but a 404 (no such order or product) is null rather than an error. */
    <T> T sendOrNull(CoinbaseRequest request, Class<T> type) {
        return exchange(request, type, null, true);
    }

    /**
     * @param submitted the client id of an order this request places: if the answer is lost once the request may have
     *                  left, the outcome is unknown rather than unavailable
     */
    <T> T send(CoinbaseRequest request, Class<T> type, ClientOrderId submitted) {
        return exchange(request, type, submitted, false);
    }

    private <T> T exchange(CoinbaseRequest request, Class<T> type, ClientOrderId submitted, boolean notFoundIsNull) {
        Instant now = clock.instant();
        if (now.isBefore(blockedUntil)) {
            throw new RateLimitedException(VENUE, Duration.between(now, blockedUntil));
        }
        Request httpRequest = toHttp(request);
        try (Response response = http.newCall(httpRequest).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (response.isSuccessful()) {
                return json.readValue(text, type);
            }
            if (notFoundIsNull && response.code() == 404) {
                return null;
            }
            throw failure(request, response, text);
        } catch (ConnectException e) {
            throw new VenueUnavailableException(VENUE, request.method() + " " + request.path() + ": cannot connect", e);
        } catch (IOException e) {
            if (submitted != null) {
                throw new UnknownOutcomeException(VENUE, submitted, e);
            }
            throw new VenueUnavailableException(VENUE, request.method() + " " + request.path() + ": " + e, e);
        }
    }

    private Request toHttp(CoinbaseRequest request) {
        String token = signer.restToken(request.method(), jwtHost, request.path());
        RequestBody body = request.body() == null ? null : RequestBody.create(request.body(), JSON_TYPE);
        return new Request.Builder()
                .url(url(request))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(request.method(), body)
                .build();
    }

    private RuntimeException failure(CoinbaseRequest request, Response response, String text) {
        int code = response.code();
        String what = request.method() + " " + request.path();
        if (code == 429) {
            Duration retryAfter = retryAfter(response);
            blockedUntil = clock.instant().plus(retryAfter);
            log.warn("coinbase rate limited on {}, retry after {} ms", what, retryAfter.toMillis());
            return new RateLimitedException(VENUE, retryAfter);
        }
        String reason = reason(code, text);
        if (code >= 500) {
            return new VenueUnavailableException(VENUE, what + ": HTTP " + code + " " + reason, null);
        }
        return new OrderRejectedException(VENUE, what + ": HTTP " + code + " " + reason);
    }

    private String reason(int code, String text) {
        try {
            ApiError error = json.readValue(text, ApiError.class);
            StringBuilder reason = new StringBuilder();
            if (error.error() != null) reason.append(error.error());
            if (error.message() != null) reason.append(reason.isEmpty() ? "" : ": ").append(error.message());
            if (error.errorDetails() != null && !error.errorDetails().equals(error.message())) {
                reason.append(" (").append(error.errorDetails()).append(')');
            }
            return reason.isEmpty() ? "status " + code : reason.toString();
        } catch (IOException | RuntimeException e) {
            return text.length() > 200 ? text.substring(0, 200) : text;
        }
    }

    /**
     * {@code Retry-After} (seconds or an HTTP date) first; otherwise {@code x-ratelimit-reset} as epoch seconds or as
     * seconds from now; one second when the venue says nothing.
     */
    Duration retryAfter(Response response) {
        Instant now = clock.instant();
        String retryAfter = response.header("Retry-After");
        if (retryAfter != null) {
            try {
                return positive(Duration.ofMillis(Math.round(Double.parseDouble(retryAfter.strip()) * 1000)));
            } catch (NumberFormatException e) {
                try {
                    Instant at = ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return positive(Duration.between(now, at));
                } catch (DateTimeParseException ignored) {
                    // fall through to the other header
                }
            }
        }
        String reset = response.header("x-ratelimit-reset");
        if (reset != null) {
            try {
                long value = Long.parseLong(reset.strip());
                return value > 1_000_000_000L
                        ? positive(Duration.between(now, Instant.ofEpochSecond(value)))
                        : positive(Duration.ofSeconds(value));
            } catch (NumberFormatException ignored) {
                // the default below
            }
        }
        return DEFAULT_RETRY;
    }

    private static Duration positive(Duration d) {
        return d.isNegative() || d.isZero() ? DEFAULT_RETRY : d;
    }

    /** The full URL a request goes to (previews print it). */
    HttpUrl url(CoinbaseRequest request) {
        HttpUrl.Builder url = baseUrl.newBuilder().encodedPath(request.path());
        request.query().forEach(p -> url.addQueryParameter(p.getKey(), p.getValue()));
        return url.build();
    }
}
