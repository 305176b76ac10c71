package io.yielddelta.keeper.venues.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
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
 * One Advanced Trade WebSocket connection carrying the keeper's channel subscriptions. Every subscribe message carries a
 * fresh JWT; the {@code heartbeats} channel keeps the other subscriptions open and lets a silent connection be noticed.
 * A dropped connection reconnects, subscribes again and then runs the reconnect hooks, which reconcile through REST
 * what the stream missed (Coinbase does not replay it).
 */
final class CoinbaseStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoinbaseStream.class);

    /** A channel subscription; {@code productIds} empty for account-wide channels (user, futures_balance_summary). */
    record Subscription(String channel, List<String> productIds, Consumer<JsonNode> onMessage) {}

    private record Channel(String name, List<String> productIds) {}

    private final OkHttpClient http;
    private final String url;
    private final CdpJwtSigner signer;
    private final Duration reconnectDelay;
    private final Duration staleAfter;
    private final ObjectMapper json = CoinbaseJson.mapper();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnectHooks = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler;

    private WebSocket socket;
    private boolean connectedBefore;
    private boolean closed;
    private volatile long lastMessageNanos = System.nanoTime();

    CoinbaseStream(OkHttpClient http, String url, CdpJwtSigner signer, Duration reconnectDelay, Duration staleAfter) {
        this.http = http;
        this.url = url;
        this.signer = signer;
        this.reconnectDelay = reconnectDelay;
        this.staleAfter = staleAfter;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "coinbase-ws-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, staleAfter.toMillis() / 2);
        scheduler.scheduleAtFixedRate(this::dropIfSilent, period, period, TimeUnit.MILLISECONDS);
    }

    /** Adds a subscription, connecting on first use. Closing the returned handle unsubscribes. */
    synchronized AutoCloseable subscribe(String channel, List<String> productIds, Consumer<JsonNode> onMessage) {
        Subscription subscription = new Subscription(channel, List.copyOf(productIds), onMessage);
        subscriptions.add(subscription);
        if (socket == null) {
            connect();
        } else {
            socket.send(message("subscribe", subscription.channel(), subscription.productIds()));
        }
        return () -> unsubscribe(subscription);
    }

    /** Runs after every reconnection, once the subscriptions are sent again. */
    void onReconnect(Runnable hook) {
        reconnectHooks.add(hook);
    }

    private synchronized void unsubscribe(Subscription subscription) {
        if (subscriptions.remove(subscription) && socket != null
                && subscriptions.stream().noneMatch(s -> s.channel().equals(subscription.channel())
                        && s.productIds().equals(subscription.productIds()))) {
            socket.send(message("unsubscribe", subscription.channel(), subscription.productIds()));
        }
    }

    private synchronized void connect() {
        if (closed) {
            return;
        }
        lastMessageNanos = System.nanoTime();
        socket = http.newWebSocket(new Request.Builder().url(url).build(), new Listener());
    }

    private synchronized void opened(WebSocket webSocket) {
        if (webSocket != socket) {
            return;
        }
        webSocket.send(message("subscribe", "heartbeats", List.of()));
        subscriptions.stream()
                .map(s -> new Channel(s.channel(), s.productIds()))
                .distinct()
                .forEach(c -> webSocket.send(message("subscribe", c.name(), c.productIds())));
        boolean reconnected = connectedBefore;
        connectedBefore = true;
        if (reconnected) {
            log.info("coinbase stream reconnected; reconciling what it missed through REST");
            // Off the socket's reader thread: hooks call REST and deliver to listeners.
            scheduler.execute(() -> reconnectHooks.forEach(CoinbaseStream::runQuietly));
        }
    }

    private static void runQuietly(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            log.warn("coinbase reconnect reconciliation failed: {}", e.toString());
        }
    }

    private void received(String text) {
        lastMessageNanos = System.nanoTime();
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            log.warn("coinbase stream sent a message that is not JSON ({} chars)", text.length());
            return;
        }
        if ("error".equals(message.path("type").asText())) {
            log.warn("coinbase stream error: {}", message.path("message").asText());
            return;
        }
        String channel = message.path("channel").asText();
        for (Subscription s : subscriptions) {
            if (messageChannel(s.channel()).equals(channel)) {
                try {
                    s.onMessage().accept(message);
                } catch (RuntimeException e) {
                    log.warn("coinbase {} listener failed: {}", channel, e.toString());
                }
            }
        }
    }

    /** Messages of the level2 subscription arrive on channel {@code l2_data}; the others keep their name. */
    static String messageChannel(String subscribed) {
        return "level2".equals(subscribed) ? "l2_data" : subscribed;
    }

    private synchronized void dropped(WebSocket webSocket, String why) {
        if (webSocket != socket || closed) {
            return;
        }
        log.warn("coinbase stream dropped ({}); reconnecting in {} ms", why, reconnectDelay.toMillis());
        socket = null;
        scheduler.schedule(this::reconnect, reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void reconnect() {
        if (socket == null && !closed) {
            connect();
        }
    }

    private void dropIfSilent() {
        WebSocket current;
        synchronized (this) {
            current = socket;
        }
        if (current != null && System.nanoTime() - lastMessageNanos > staleAfter.toNanos()) {
            current.cancel();
            dropped(current, "silent for more than " + staleAfter.toMillis() + " ms");
        }
    }

    private String message(String type, String channel, List<String> productIds) {
        ObjectNode node = json.createObjectNode();
        node.put("type", type);
        if (!productIds.isEmpty()) {
            productIds.forEach(node.putArray("product_ids")::add);
        }
        node.put("channel", channel);
        node.put("jwt", signer.webSocketToken());
        return node.toString();
    }

    @Override
    public void close() {
        WebSocket current;
        synchronized (this) {
            closed = true;
            current = socket;
            socket = null;
        }
        if (current != null) {
            current.close(1000, "keeper closing");
        }
        scheduler.shutdownNow();
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
