package io.yielddelta.keeper.venues.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.RateLimitedException;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueException;
import io.yielddelta.keeper.core.venue.VenueUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * HTTP for every venue, with one rule for what an answer means.
 *
 * <ul>
 *   <li>2xx with a JSON body: the body.
 *   <li>429: {@link RateLimitedException} after {@link RetryAfter}.
 *   <li>Another 4xx: {@link OrderRejectedException} with the venue's own words; a 404 asked through {@link #find} is
 *       empty instead.
 *   <li>A read: a 5xx, an unreadable body or an I/O failure is {@link VenueUnavailableException}, tried again by the
 *       {@link RetryPolicy}.
 *   <li>An action (order, cancel, broadcast): an I/O failure before a byte of the request was written is
 *       {@link VenueUnavailableException}, since the venue cannot have seen it. Once the request may have reached the
 *       venue, anything but a definitive answer (a 5xx, a timeout, a reset after writing, an unreadable body) is
 *       {@link UnknownOutcomeException}: the order is looked up by client id, never sent again.
 * </ul>
 *
 * OkHttp's own connection retries and redirects are off, and a network interceptor refuses a second network attempt
 * of one call, so nothing the keeper sends once reaches the venue twice.
 */
public final class VenueHttp {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final String venue;
    private final OkHttpClient http;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Function<String, String> errorReason;
    private final Sleeper sleeper;
    private volatile Instant heldUntil = Instant.MIN;

    /** Waits between read attempts; tests may pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * @param callTimeout whole-call timeout of one request; past it an action's outcome is unknown
     * @param errorReason the venue's words in a refusal's body (its own error shape), or the body itself
     */
    public VenueHttp(
            String venue,
            OkHttpClient http,
            Duration callTimeout,
            RetryPolicy policy,
            Clock clock,
            Function<String, String> errorReason) {
        this(venue, http, callTimeout, policy, clock, errorReason, d -> Thread.sleep(d.toMillis()));
    }

    VenueHttp(
            String venue,
            OkHttpClient http,
            Duration callTimeout,
            RetryPolicy policy,
            Clock clock,
            Function<String, String> errorReason,
            Sleeper sleeper) {
        this.venue = venue;
        this.http = http.newBuilder()
                .callTimeout(callTimeout)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .eventListenerFactory(call -> new WriteTracker())
                .addNetworkInterceptor(chain -> {
                    Attempts attempts = chain.request().tag(Attempts.class);
                    if (attempts != null && attempts.count.incrementAndGet() > 1) {
                        throw new IOException(
                                "refusing to send " + chain.request().method() + " "
                                        + chain.request().url().encodedPath() + " a second time");
                    }
                    return chain.proceed(chain.request());
                })
                .build();
        this.policy = policy;
        this.clock = clock;
        this.errorReason = errorReason;
        this.sleeper = sleeper;
    }

    public static RequestBody json(String body) {
        return RequestBody.create(body, JSON_TYPE);
    }

    /** The shared JSON reading: numbers with a fraction become BigDecimal, never double. */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /** A read; the request is built again for every try (a signed one carries a fresh token each time). */
    public JsonNode read(Supplier<Request> request) {
        return find(request, false).orElseThrow();
    }

    /** A read whose 404 means "no such thing" (an unknown order id or product). */
    public Optional<JsonNode> find(Supplier<Request> request) {
        return find(request, true);
    }

    /**
     * An action, sent at most once.
     *
     * @param order the order it places or is about, named in an {@link UnknownOutcomeException}; may be null
     */
    public JsonNode act(Request request, ClientOrderId order) {
        holdIfRateLimited();
        Request tagged = tagged(request);
        WriteProgress progress = tagged.tag(WriteProgress.class);
        try (Response response = http.newCall(tagged).execute()) {
            String text = response.body().string();
            refusal(tagged, response, text);
            if (response.code() >= 500) {
                throw new UnknownOutcomeException(
                        venue,
                        order,
                        new IOException(what(tagged) + ": HTTP " + response.code() + " " + abbreviate(text)));
            }
            return JSON.readTree(text);
        } catch (JsonProcessingException unreadable) {
            throw new UnknownOutcomeException(venue, order, unreadable);
        } catch (IOException e) {
            if (progress.mayHaveReachedVenue.get()) {
                throw new UnknownOutcomeException(venue, order, e);
            }
            throw new VenueUnavailableException(venue, what(tagged) + " not sent: " + e, e);
        }
    }

    private Optional<JsonNode> find(Supplier<Request> request, boolean notFoundIsEmpty) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(request.get(), notFoundIsEmpty);
            } catch (VenueUnavailableException e) {
                if (attempt >= policy.readAttempts()) {
                    throw e;
                }
                pause(policy.backoff().after(attempt), e);
            }
        }
    }

    private Optional<JsonNode> once(Request request, boolean notFoundIsEmpty) {
        holdIfRateLimited();
        Request tagged = tagged(request);
        try (Response response = http.newCall(tagged).execute()) {
            String text = response.body().string();
            if (notFoundIsEmpty && response.code() == 404) {
                return Optional.empty();
            }
            refusal(tagged, response, text);
            if (response.code() >= 500) {
                throw new VenueUnavailableException(
                        venue,
                        what(tagged) + ": HTTP " + response.code() + " " + abbreviate(errorReason.apply(text)),
                        null);
            }
            return Optional.of(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new VenueUnavailableException(venue, "unreadable answer to " + what(tagged), e);
        } catch (IOException e) {
            throw new VenueUnavailableException(venue, what(tagged) + " failed: " + e, e);
        }
    }

    /** Throws for a 429 and for any other 4xx; a 2xx or 5xx returns. */
    private void refusal(Request request, Response response, String text) {
        int code = response.code();
        if (code == 429) {
            Duration wait = RetryAfter.of(response::header, clock.instant());
            if (policy.holdAfterRateLimit()) {
                heldUntil = clock.instant().plus(wait);
            }
            throw new RateLimitedException(venue, wait);
        }
        if (code >= 400 && code < 500) {
            throw new OrderRejectedException(venue, what(request) + ": HTTP " + code + " " + errorReason.apply(text));
        }
    }

    private void holdIfRateLimited() {
        Instant now = clock.instant();
        Instant until = heldUntil;
        if (now.isBefore(until)) {
            throw new RateLimitedException(venue, Duration.between(now, until));
        }
    }

    private void pause(Duration wait, VenueException cause) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }

    private static Request tagged(Request request) {
        return request.newBuilder()
                .tag(WriteProgress.class, new WriteProgress())
                .tag(Attempts.class, new Attempts())
                .build();
    }

    private static String what(Request request) {
        return request.method() + " " + request.url().encodedPath();
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** Whether any byte of the request may have left: from then on the venue may act on it. */
    private static final class WriteProgress {
        final AtomicBoolean mayHaveReachedVenue = new AtomicBoolean();
    }

    private static final class Attempts {
        final AtomicInteger count = new AtomicInteger();
    }

    private static final class WriteTracker extends EventListener {
        @Override
        public void requestHeadersStart(Call call) {
            WriteProgress progress = call.request().tag(WriteProgress.class);
            if (progress != null) {
                progress.mayHaveReachedVenue.set(true);
            }
        }
    }
}
