package io.yielddelta.keeper.venues.hyperliquid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to Hyperliquid carrying every subscription (allMids, l2Book, userFills, orderUpdates,
 * activeAssetCtx). It pings every {@code pingInterval} (the server drops connections silent for 60 s) and treats a
 * connection that has said nothing, not even a pong, for two intervals as dead; it reconnects after a drop with a
 * growing delay, re-sends every subscription on the new connection and then tells the
 * {@code onReconnect} hook, which reconciles through REST what the stream missed: Hyperliquid does not replay.
 */
final class HyperliquidStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HyperliquidStream.class);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);

    private final OkHttpClient http;
    private final Request request;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler;
    private final Duration pingInterval;
    private final Duration reconnectDelay;
    private final Runnable onReconnect;
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    private WebSocket socket;
    private boolean open;
    private volatile long lastMessageNanos;
    private ScheduledFuture<?> pinger;
    private boolean everConnected;
    private boolean closed;
    private int failuresInARow;

    HyperliquidStream(
            OkHttpClient http,
            String url,
            ObjectMapper json,
            ScheduledExecutorService scheduler,
            Duration pingInterval,
            Duration reconnectDelay,
            Runnable onReconnect) {
        this.http = http;
        this.request = new Request.Builder().url(url).build();
        this.json = json;
        this.scheduler = scheduler;
        this.pingInterval = pingInterval;
        this.reconnectDelay = reconnectDelay;
        this.onReconnect = onReconnect;
    }

    /**
     * Subscribes and routes messages of {@code channel} (and, when {@code coin} is set, only those whose
     * {@code data.coin} matches) to the handler, which receives the message's {@code data}.
     */
    HedgeVenue.Subscription subscribe(Map<String, Object> subscription, String channel, String coin, Consumer<JsonNode> handler) {
        Route route = new Route(new LinkedHashMap<>(subscription), channel, coin, handler);
        routes.add(route);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("stream is closed");
            }
            if (socket == null) {
                connect();
            } else if (open) {
                send("subscribe", route.subscription());
            }
        }
        return () -> unsubscribe(route);
    }

    private void unsubscribe(Route route) {
        if (routes.remove(route) && routes.stream().noneMatch(r -> r.subscription().equals(route.subscription()))) {
            synchronized (this) {
                if (open) {
                    send("unsubscribe", route.subscription());
                }
            }
        }
    }

    private synchronized void connect() {
        socket = http.newWebSocket(request, new Listener());
    }

    private synchronized void send(String method, Map<String, Object> subscription) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("method", method);
        message.put("subscription", subscription);
        try {
            socket.send(json.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise subscription", e);
        }
    }

    private synchronized void ping() {
        if (!open) {
            return;
        }
        if (System.nanoTime() - lastMessageNanos > 2 * pingInterval.toNanos()) {
            log.warn("hyperliquid: stream silent for two ping intervals, dropping it");
            socket.cancel(); // reported through onFailure, which reconnects
            return;
        }
        socket.send("{\"method\":\"ping\"}");
    }

    private void dispatch(String text) {
        lastMessageNanos = System.nanoTime();
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            log.warn("hyperliquid: unreadable stream message ({} chars)", text.length());
            return;
        }
        String channel = message.path("channel").asText();
        JsonNode data = message.path("data");
        if (channel.equals("error")) {
            log.warn("hyperliquid: stream error: {}", data.asText());
            return;
        }
        for (Route route : routes) {
            if (route.channel().equals(channel) && (route.coin() == null || route.coin().equals(data.path("coin").asText()))) {
                try {
                    route.handler().accept(data);
                } catch (RuntimeException e) {
                    log.warn("hyperliquid: {} handler failed: {}", channel, e.toString());
                }
            }
        }
    }

    private synchronized void onOpen(WebSocket webSocket) {
        if (webSocket != socket) {
            return;
        }
        boolean reconnected = everConnected;
        everConnected = true;
        open = true;
        lastMessageNanos = System.nanoTime();
        failuresInARow = 0;
        routes.stream().map(Route::subscription).distinct().forEach(s -> send("subscribe", s));
        pinger = scheduler.scheduleAtFixedRate(
                this::ping, pingInterval.toMillis(), pingInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (reconnected && !closed) {
            log.info("hyperliquid: stream reconnected, resubscribed {} subscriptions, reconciling", routes.size());
            scheduler.execute(onReconnect);
        }
    }

    private synchronized void onDrop(WebSocket webSocket, String why) {
        if (webSocket != socket) {
            return;
        }
        socket = null;
        open = false;
        if (pinger != null) {
            pinger.cancel(false);
        }
        if (closed) {
            return;
        }
        long delay = Math.min(MAX_RECONNECT_DELAY.toMillis(), reconnectDelay.toMillis() << Math.min(failuresInARow, 10));
        failuresInARow++;
        log.warn("hyperliquid: stream dropped ({}), reconnecting in {} ms", why, delay);
        scheduler.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void reconnect() {
        if (!closed && socket == null) {
            connect();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pinger != null) {
            pinger.cancel(false);
        }
        if (socket != null) {
            socket.close(1000, "closing");
            socket = null;
            open = false;
        }
    }

    private record Route(Map<String, Object> subscription, String channel, String coin, Consumer<JsonNode> handler) {
        Route {
            Objects.requireNonNull(channel);
        }
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            HyperliquidStream.this.onOpen(webSocket);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            dispatch(text);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            onDrop(webSocket, "closed by server: " + code);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            onDrop(webSocket, t.toString());
        }
    }
}
