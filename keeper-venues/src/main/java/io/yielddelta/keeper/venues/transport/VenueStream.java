package io.yielddelta.keeper.venues.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to a venue carrying every subscription, kept alive the same way for every venue: it connects on the
 * first subscription; a dropped connection comes back after a capped exponential backoff with jitter; every
 * subscription is sent again on the new connection, and then the reconnect hooks run (off the socket's thread), so
 * that what the stream missed is read through REST (no venue replays it). A connection that has said nothing for
 * {@code silence} is dropped and replaced; a venue that only speaks when spoken to is sent {@link #ping()} every
 * {@code pingEvery}. Each venue writes only its own messages: subscribe / unsubscribe, which subscription a message is
 * for, what an error looks like.
 *
 * @param <T> what identifies one subscription on the wire (equal topics share one subscribe message)
 */
public abstract class VenueStream<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VenueStream.class);

    /**
     * @param reconnect backoff between reconnection attempts
     * @param silence   a connection silent this long is dropped; null for none (the venue's pings keep it honest)
     * @param pingEvery how often {@link #ping()} is sent; null for never
     */
    public record Settings(Backoff reconnect, Duration silence, Duration pingEvery) {
        public Settings {
            Objects.requireNonNull(reconnect, "reconnect");
        }
    }

    private record Route<T>(T topic, Consumer<JsonNode> handler) {}

    protected final String venue;
    private final OkHttpClient http;
    private final Request request;
    private final Settings settings;
    private final List<Route<T>> routes = new CopyOnWriteArrayList<>();
    private final List<BooleanSupplier> reconnectHooks = new CopyOnWriteArrayList<>();

    private ScheduledExecutorService scheduler;
    private WebSocket socket;
    private boolean open;
    private boolean everOpened;
    private boolean closed;
    private int failuresInARow;
    private ScheduledFuture<?> keepAlive;
    private volatile long lastMessageNanos = System.nanoTime();

    protected VenueStream(String venue, OkHttpClient http, String url, Settings settings) {
        this.venue = venue;
        this.http = http;
        this.request = new Request.Builder().url(url).build();
        this.settings = settings;
    }

    /**
     * The message that subscribes to ({@code method} "subscribe") or unsubscribes from ("unsubscribe") a topic, as
     * sent now (a signed one carries a fresh token).
     */
    protected abstract String message(String method, T topic);

    /** Whether a message belongs to a topic's subscription. */
    protected abstract boolean matches(T topic, JsonNode message);

    /** The venue's error text when the message is an error report, else null. */
    protected abstract String error(JsonNode message);

    /** A keep-alive message, sent every {@code pingEvery}. */
    protected String ping() {
        throw new UnsupportedOperationException(venue + " sends no pings");
    }

    /** Messages sent on every new connection before the subscriptions (Coinbase's heartbeats channel). */
    protected List<String> onOpenMessages() {
        return List.of();
    }

    /** Subscribes, connecting on first use; the handler receives every message of the topic, on the socket's thread. */
    public HedgeVenue.Subscription subscribe(T topic, Consumer<JsonNode> handler) {
        Route<T> route = new Route<>(topic, handler);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException(venue + " stream is closed");
            }
            boolean first = routes.stream().noneMatch(r -> r.topic().equals(topic));
            routes.add(route);
            if (socket == null) {
                connect();
            } else if (open && first) {
                socket.send(message("subscribe", topic));
            }
        }
        return () -> unsubscribe(route);
    }

    /**
     * Runs after every reconnection, once the subscriptions are sent again; a hook that returns false (its REST read
     * failed) is run again after the backoff.
     */
    public void onReconnect(BooleanSupplier hook) {
        reconnectHooks.add(hook);
    }

    private synchronized void unsubscribe(Route<T> route) {
        if (routes.remove(route)
                && open
                && routes.stream().noneMatch(r -> r.topic().equals(route.topic()))) {
            socket.send(message("unsubscribe", route.topic()));
        }
    }

    private synchronized void connect() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, venue + "-stream");
                t.setDaemon(true);
                return t;
            });
        }
        lastMessageNanos = System.nanoTime();
        socket = http.newWebSocket(request, new Listener());
    }

    private synchronized void opened(WebSocket webSocket) {
        if (webSocket != socket) {
            return;
        }
        open = true;
        failuresInARow = 0;
        lastMessageNanos = System.nanoTime();
        onOpenMessages().forEach(webSocket::send);
        routes.stream().map(Route::topic).distinct().forEach(t -> webSocket.send(message("subscribe", t)));
        Duration every = settings.pingEvery() != null
                ? settings.pingEvery()
                : settings.silence() != null ? settings.silence().dividedBy(2) : null;
        if (every != null) {
            keepAlive = scheduler.scheduleAtFixedRate(
                    this::keepAlive, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (everOpened) {
            log.info(
                    "{}: stream reconnected, {} subscription(s) sent again, reconciling through REST",
                    venue,
                    routes.size());
            reconnectHooks.forEach(hook -> scheduler.execute(() -> runHook(hook, 1)));
        }
        everOpened = true;
    }

    private void runHook(BooleanSupplier hook, int attempt) {
        boolean done;
        try {
            done = hook.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("{}: reconciliation after a reconnect failed: {}", venue, e.toString());
            done = false;
        }
        synchronized (this) {
            if (!done && !closed) {
                scheduler.schedule(
                        () -> runHook(hook, attempt + 1),
                        settings.reconnect().after(attempt).toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private synchronized void keepAlive() {
        if (!open) {
            return;
        }
        if (settings.silence() != null
                && System.nanoTime() - lastMessageNanos > settings.silence().toNanos()) {
            log.warn(
                    "{}: stream silent for more than {} ms, replacing it",
                    venue,
                    settings.silence().toMillis());
            WebSocket silent = socket;
            silent.cancel();
            dropped(silent, "silent");
            return;
        }
        if (settings.pingEvery() != null) {
            socket.send(ping());
        }
    }

    private void received(String text) {
        lastMessageNanos = System.nanoTime();
        JsonNode message;
        try {
            message = VenueHttp.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            log.warn("{}: unreadable stream message ({} chars)", venue, text.length());
            return;
        }
        String error = error(message);
        if (error != null) {
            log.warn("{}: stream error: {}", venue, error);
            return;
        }
        for (Route<T> route : routes) {
            if (matches(route.topic(), message)) {
                try {
                    route.handler().accept(message);
                } catch (RuntimeException e) {
                    log.warn("{}: a {} handler failed: {}", venue, route.topic(), e.toString());
                }
            }
        }
    }

    private synchronized void dropped(WebSocket webSocket, String why) {
        if (webSocket != socket) {
            return;
        }
        socket = null;
        open = false;
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        if (closed) {
            return;
        }
        failuresInARow++;
        long delay = settings.reconnect().after(failuresInARow).toMillis();
        log.warn("{}: stream dropped ({}), reconnecting in {} ms", venue, why, delay);
        scheduler.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void reconnect() {
        if (!closed && socket == null) {
            connect();
        }
    }

    @Override
    public void close() {
        WebSocket current;
        synchronized (this) {
            closed = true;
            current = socket;
            socket = null;
            open = false;
            if (keepAlive != null) {
                keepAlive.cancel(false);
            }
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
        if (current != null) {
            current.close(1000, "keeper closing");
        }
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened(webSocket);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            received(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            dropped(webSocket, "closed by the venue, code " + code);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            dropped(webSocket, Objects.toString(t.getMessage(), t.getClass().getSimpleName()));
        }
    }
}
