package io.yielddelta.keeper.venues.coinbase;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.venues.coinbase.dto.ApiError;
import io.yielddelta.keeper.venues.transport.RetryPolicy;
import io.yielddelta.keeper.venues.transport.VenueHttp;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Sends signed Advanced Trade requests, each with a fresh JWT (also on a retried read). What an answer means is
 * {@link VenueHttp}'s one rule; refusals carry Coinbase's {@code {error, message, error_details}}. After a 429 nothing
 * is sent until the venue's retry time has passed. Logs and errors never carry the token.
 */
final class CoinbaseRestClient {

    static final String VENUE = "coinbase";

    private final VenueHttp http;
    private final HttpUrl baseUrl;
    private final String jwtHost;
    private final CdpJwtSigner signer;
    private final ObjectMapper json = CoinbaseJson.mapper();

    CoinbaseRestClient(
            OkHttpClient http, Duration timeout, String baseUrl, String jwtHost, CdpJwtSigner signer, Clock clock) {
        this.http = new VenueHttp(
                VENUE, http, timeout, RetryPolicy.STANDARD.holdingAfterRateLimit(), clock, CoinbaseRestClient::reason);
        this.baseUrl = HttpUrl.get(baseUrl);
        this.jwtHost = jwtHost;
        this.signer = signer;
    }

    /** A read. */
    <T> T send(CoinbaseRequest request, Class<T> type) {
        return json.convertValue(http.read(() -> toHttp(request)), type);
    }

    /** A read whose 404 (no such order or product) is null rather than an error. */
    <T> T sendOrNull(CoinbaseRequest request, Class<T> type) {
        return http.find(() -> toHttp(request))
                .map(body -> json.convertValue(body, type))
                .orElse(null);
    }

    /**
     * An action (an order, a cancel), sent at most once.
     *
     * @param order the order it places, named in an unknown outcome; may be null
     */
    <T> T act(CoinbaseRequest request, Class<T> type, ClientOrderId order) {
        return json.convertValue(http.act(toHttp(request), order), type);
    }

    private Request toHttp(CoinbaseRequest request) {
        String token = signer.restToken(request.method(), jwtHost, request.path());
        RequestBody body = request.body() == null ? null : VenueHttp.json(request.body());
        return new Request.Builder()
                .url(url(request))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(request.method(), body)
                .build();
    }

    /** Coinbase's error body as "error: message (details)", or the start of whatever it sent. */
    private static String reason(String text) {
        try {
            ApiError error = CoinbaseJson.mapper().readValue(text, ApiError.class);
            StringBuilder reason = new StringBuilder();
            if (error.error() != null) reason.append(error.error());
            if (error.message() != null)
                reason.append(reason.isEmpty() ? "" : ": ").append(error.message());
            if (error.errorDetails() != null && !error.errorDetails().equals(error.message())) {
                reason.append(" (").append(error.errorDetails()).append(')');
            }
            return reason.toString();
        } catch (IOException | RuntimeException e) {
            return text.length() > 200 ? text.substring(0, 200) : text;
        }
    }

    /** The full URL a request goes to (previews print it). */
    HttpUrl url(CoinbaseRequest request) {
        HttpUrl.Builder url = baseUrl.newBuilder().encodedPath(request.path());
        request.query().forEach(p -> url.addQueryParameter(p.getKey(), p.getValue()));
        return url.build();
    }
}
