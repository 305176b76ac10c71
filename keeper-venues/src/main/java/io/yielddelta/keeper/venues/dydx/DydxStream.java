package io.yielddelta.keeper.venues.dydx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
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
 * One WebSocket to the dYdX indexer carrying every subscription ({@code v4_subaccounts}, {@code v4_markets}). The
 * indexer pings and OkHttp answers; a dropped connection is reopened with a growing delay, every subscription is sent
 * again, and then {@code onReconnect} runs so that what the stream missed is reconciled through REST: the indexer's
 * "subscribed" snapshot carries state, not the fills made while the keeper was away.
 */
final class DydxStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DydxStream.class);
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);

    /** What a subscription receives: the message type (subscribed, channel_data) and its contents. */
    record Message(String type, JsonNode contents) {}

    private record Route(String channel, String id, Consumer<Message> handler) {}

    private final OkHttpClient http;
    private final Request request;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler;
    private final Duration reconnectDelay;
    private final Runnable onReconnect;
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    private WebSocket socket;
    private boolean open;
    private boolean everConnected;
    private boolean closed;
    private int failuresInARow;

    DydxStream(OkHttpClient http, String url, ObjectMapper json, ScheduledExecutorService scheduler, Duration reconnectDelay,
            Runnable onReconnect) {
        this.http = http;
        this.request = new Request.Builder().url(url).build();
        this.json = json;
        this.scheduler = scheduler;
        this.reconnectDelay = reconnectDelay;
        this.onReconnect = onReconnect;
    }

    /** @param id the channel's id ({@code address/subaccountNumber} for v4_subaccounts), null for v4_markets */
    synchronized AutoCloseable subscribe(String channel, String id, Consumer<Message> handler) {
        if (closed) {
            throw new IllegalStateException("stream is closed");
        }
        Route route = new Route(channel, id, handler);
        boolean first = routes.stream().noneMatch(r -> r.channel().equals(channel) && Objects.equals(r.id(), id));
        routes.add(route);
        if (socket == null) {
            socket = http.newWebSocket(request, new Listener());
        } else if (open && first) {
            send("subscribe", channel, id);
        }
        return () -> unsubscribe(route);
    }

    private synchronized void unsubscribe(Route route) {
        if (routes.remove(route) && open
                && routes.stream().noneMatch(r -> r.channel().equals(route.channel()) && Objects.equals(r.id(), route.id()))) {
            send("unsubscribe", route.channel(), route.id());
        }
    }

    private void send(String type, String channel, String id) {
        ObjectNode message = json.createObjectNode().put("type", type).put("channel", channel);
        if (id != null) {
            message.put("id", id);
        }
        socket.send(message.toString());
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            log.warn("dydx: unreadable stream message ({} chars)", text.length());
            return;
        }
        String type = message.path("type").asText();
        if ("error".equals(type)) {
            log.warn("dydx: stream error: {}", message.path("message").asText());
            return;
        }
        String channel = message.path("channel").asText();
        String id = message.hasNonNull("id") ? message.path("id").asText() : null;
        for (Route route : routes) {
            if (route.channel().equals(channel) && (route.id() == null || route.id().equals(id))) {
                deliver(route, type, message.path("contents"));
            }
        }
    }

    /** A batched message carries an array of contents: each is delivered as if it came alone. */
    private void deliver(Route route, String type, JsonNode contents) {
        try {
            if ("channel_batch_data".equals(type)) {
                contents.forEach(c -> route.handler().accept(new Message("channel_data", c)));
            } else {
                route.handler().accept(new Message(type, contents));
            }
        } catch (RuntimeException e) {
            log.warn("dydx: {} handler failed: {}", route.channel(), e.toString());
        }
    }

    private synchronized void onOpen(WebSocket webSocket) {
        if (webSocket != socket) {
            return;
        }
        boolean reconnected = everConnected;
        everConnected = true;
        open = true;
        failuresInARow = 0;
        routes.stream().map(r -> new Route(r.channel(), r.id(), null)).distinct().forEach(r -> send("subscribe", r.channel(), r.id()));
        if (reconnected) {
            log.info("dydx: stream reconnected, resubscribed, reconciling");
            scheduler.execute(onReconnect);
        }
    }

    private synchronized void onDrop(WebSocket webSocket, String why) {
        if (webSocket != socket) {
            return;
        }
        socket = null;
        open = false;
        if (closed) {
            return;
        }
        long delay = Math.min(MAX_RECONNECT_DELAY.toMillis(), reconnectDelay.toMillis() << Math.min(failuresInARow, 10));
        failuresInARow++;
        log.warn("dydx: stream dropped ({}), reconnecting in {} ms", why, delay);
        scheduler.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void reconnect() {
        if (!closed && socket == null) {
            socket = http.newWebSocket(request, new Listener());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (socket != null) {
            socket.close(1000, "closing");
            socket = null;
            open = false;
        }
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            DydxStream.this.onOpen(webSocket);
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
