package io.yielddelta.keeper.venues.hyperliquid;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidSigner.TypedField;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A local Hyperliquid: REST /info and /exchange plus the WebSocket at /ws, answering in the documented shapes (the
 * JSON fixtures under {@code src/test/resources/hyperliquid/} are its templates). It keeps a small matching state
 * (orders, fills, positions), authenticates every exchange request as the venue does, by recovering the signer from
 * the EIP-712 digest of what it received, and can be told to misbehave: reply with a given response, apply an
 * action but lose its response, refuse WebSocket connections, drop them.
 */
public final class FakeHyperliquid implements AutoCloseable {

    public static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<TypedField> TRANSFER_FIELDS = List.of(
            new TypedField("hyperliquidChain", "string"),
            new TypedField("destination", "string"),
            new TypedField("amount", "string"),
            new TypedField("time", "uint64"));

    /** What the next exchange request gets instead of normal service. */
    public sealed interface Fault {}

    /** Answer with this response and do nothing. */
    public record Respond(MockResponse response) implements Fault {}

    /** Apply the action, then drop the connection before answering (the client has sent it; the reply is lost). */
    public record LoseResponse() implements Fault {}

    /** Apply the action, then never answer (the client times out). */
    public record StallResponse() implements Fault {}

    /** Answer the next order with this per-order error inside a 200. */
    public record RejectOrder(String reason) implements Fault {}

    /**
     * Apply the action, then answer with this status and body instead of the venue's reply: a proxy whose upstream
     * acted but timed out (a 5xx), or a reply that is not JSON.
     */
    public record ApplyThenRespond(int code, String body) implements Fault {}

    private final MockWebServer server = new MockWebServer();
    private final String signerAddress;
    private final boolean mainnet;
    private final Deque<Fault> faults = new ArrayDeque<>();
    private volatile boolean outage;
    private final Map<Long, ObjectNode> orders = new LinkedHashMap<>();
    private final Map<Long, String> orderStatus = new LinkedHashMap<>();
    private final List<ObjectNode> fills = new ArrayList<>();
    private final Map<String, BigDecimal[]> positions = new LinkedHashMap<>(); // coin -> {szi, entryPx}
    private final Set<Long> usedNonces = new HashSet<>();
    private final List<ObjectNode> exchangeRequests = new ArrayList<>();
    private final List<ObjectNode> infoRequests = new ArrayList<>();
    private final Map<WebSocket, List<JsonNode>> sockets = new LinkedHashMap<>();
    private final BlockingQueue<String> wsEvents = new LinkedBlockingQueue<>();
    private final JsonNode meta = fixture("meta.json");
    private List<ObjectNode> fillHistoryAtFirstSubscription;
    private boolean refuseWebSockets;
    private volatile boolean answerPings = true;
    private long nextOid = 77738308;
    private long nextTid = 118906512037719L;
    private long now = 1_724_361_546_645L;
    private int signatureFailures;

    public FakeHyperliquid(String signerAddress, boolean mainnet) throws IOException {
        this.signerAddress = signerAddress;
        this.mainnet = mainnet;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeHyperliquid.this.dispatch(request);
            }
        });
        server.start();
    }

    public String restUrl() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    public String wsUrl() {
        return server.url("/ws").toString().replaceFirst("^http", "ws");
    }

    static JsonNode fixture(String name) {
        try (InputStream in = FakeHyperliquid.class.getResourceAsStream("/hyperliquid/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ test controls

    /** While out, every REST call is answered 503, as a load balancer in front of a down API does. */
    public void outage(boolean out) {
        outage = out;
    }

    public synchronized void enqueue(Fault fault) {
        faults.add(fault);
    }

    /** Fills part of a resting order at its limit price, as a trade against someone else would. */
    synchronized void fill(long oid, BigDecimal size) {
        ObjectNode order = orders.get(oid);
        BigDecimal remaining = new BigDecimal(order.get("sz").asText());
        if (size.compareTo(remaining) > 0) {
            throw new IllegalArgumentException("order " + oid + " has only " + remaining);
        }
        recordFill(order, size, new BigDecimal(order.get("limitPx").asText()), false);
    }

    /** When false, pings go unanswered, as on a half-open connection. */
    void answerPings(boolean answer) {
        answerPings = answer;
    }

    /** While refused, WebSocket upgrades get a 503: the client keeps retrying. */
    synchronized void refuseWebSockets(boolean refuse) {
        refuseWebSockets = refuse;
    }

    /**
     * Ends every open WebSocket from the server side ("going away", as on a venue restart): the client sees the stream
     * end and must reconnect. A server-side socket cannot be cancelled abruptly here; refused reconnects
     * ({@link #refuseWebSockets}) exercise the client's failure path.
     */
    synchronized void dropWebSockets() {
        sockets.keySet().forEach(s -> s.close(1001, "going away"));
        sockets.clear();
    }

    /** Events seen on the WebSocket side: "open", "subscribe:&lt;type&gt;", "ping", "unsubscribe:&lt;type&gt;". */
    BlockingQueue<String> wsEvents() {
        return wsEvents;
    }

    public synchronized List<ObjectNode> exchangeRequests() {
        return List.copyOf(exchangeRequests);
    }

    public synchronized List<ObjectNode> infoRequests() {
        return List.copyOf(infoRequests);
    }

    synchronized long ordersWithCloid(String cloid) {
        return orders.values().stream()
                .filter(o -> cloid.equals(o.path("cloid").asText(null)))
                .count();
    }

    synchronized int signatureFailures() {
        return signatureFailures;
    }

    synchronized void pushToSockets(String channel, JsonNode data) {
        ObjectNode message = NODES.objectNode().put("channel", channel);
        message.set("data", data);
        for (Map.Entry<WebSocket, List<JsonNode>> e : sockets.entrySet()) {
            if (e.getValue().stream().anyMatch(s -> s.path("type").asText().equals(channel))) {
                e.getKey().send(message.toString());
            }
        }
    }

    // ------------------------------------------------------------------ HTTP

    private MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (outage) {
            return new MockResponse.Builder()
                    .code(503)
                    .body("Service Unavailable")
                    .build();
        }
        try {
            return switch (path) {
                case "/info" ->
                    json(info((ObjectNode) JSON.readTree(request.getBody().utf8())));
                case "/exchange" ->
                    exchange((ObjectNode) JSON.readTree(request.getBody().utf8()));
                case "/ws" -> webSocket();
                default -> new MockResponse.Builder().code(404).build();
            };
        } catch (IOException e) {
            return new MockResponse.Builder()
                    .code(422)
                    .body("Failed to deserialize the JSON body into the target type")
                    .build();
        }
    }

    private synchronized MockResponse webSocket() {
        if (refuseWebSockets) {
            return new MockResponse.Builder().code(503).build();
        }
        return new MockResponse.Builder()
                .webSocketUpgrade(new ServerSocketListener())
                .build();
    }

    private synchronized JsonNode info(ObjectNode request) {
        infoRequests.add(request);
        return switch (request.path("type").asText()) {
            case "meta" -> meta;
            case "metaAndAssetCtxs" -> fixture("metaAndAssetCtxs.json");
            case "l2Book" -> fixture("l2Book.json");
            case "fundingHistory" -> fixture("fundingHistory.json");
            case "clearinghouseState" -> clearinghouseState();
            case "frontendOpenOrders", "openOrders" -> {
                ArrayNode open = NODES.arrayNode();
                orders.forEach((oid, o) -> {
                    if (orderStatus.get(oid).equals("open")) {
                        open.add(o.deepCopy());
                    }
                });
                yield open;
            }
            case "orderStatus" -> orderStatusReply(request.path("oid"));
            case "userFills" -> NODES.arrayNode().addAll(fills);
            case "userFillsByTime" -> {
                long start = request.path("startTime").asLong();
                ArrayNode matching = NODES.arrayNode();
                fills.stream().filter(f -> f.path("time").asLong() >= start).forEach(matching::add);
                yield matching;
            }
            default -> throw new IllegalArgumentException("fake has no info type " + request.path("type"));
        };
    }

    private JsonNode orderStatusReply(JsonNode oidOrCloid) {
        for (Map.Entry<Long, ObjectNode> e : orders.entrySet()) {
            boolean match = oidOrCloid.isNumber()
                    ? e.getKey() == oidOrCloid.asLong()
                    : oidOrCloid.asText().equals(e.getValue().path("cloid").asText(null));
            if (match) {
                ObjectNode reply = (ObjectNode) fixture("orderStatus.json").deepCopy();
                ObjectNode wrapper = (ObjectNode) reply.get("order");
                ObjectNode order = (ObjectNode) wrapper.get("order");
                e.getValue().properties().forEach(f -> order.set(f.getKey(), f.getValue()));
                wrapper.put("status", orderStatus.get(e.getKey()));
                wrapper.put("statusTimestamp", now);
                return reply;
            }
        }
        return fixture("orderStatus_unknownOid.json");
    }

    private JsonNode clearinghouseState() {
        ObjectNode state = (ObjectNode) fixture("clearinghouseState.json").deepCopy();
        ObjectNode template = (ObjectNode) state.get("assetPositions").get(0);
        ArrayNode assetPositions = NODES.arrayNode();
        positions.forEach((coin, p) -> {
            if (p[0].signum() != 0) {
                ObjectNode entry = template.deepCopy();
                ObjectNode position = (ObjectNode) entry.get("position");
                position.put("coin", coin).put("szi", p[0].toPlainString()).put("entryPx", p[1].toPlainString());
                position.put("positionValue", p[0].abs().multiply(p[1]).toPlainString());
                assetPositions.add(entry);
            }
        });
        state.set("assetPositions", assetPositions);
        return state;
    }

    // ------------------------------------------------------------------ exchange

    private synchronized MockResponse exchange(ObjectNode body) {
        exchangeRequests.add(body);
        Fault fault = faults.poll();
        if (fault instanceof Respond respond) {
            return respond.response();
        }
        String recovered = recoverSigner(body);
        if (!recovered.equals(signerAddress)) {
            signatureFailures++;
            ObjectNode err = (ObjectNode) fixture("exchange_err.json").deepCopy();
            err.put("response", "User or API Wallet " + recovered + " does not exist.");
            return json(err);
        }
        if (!usedNonces.add(body.path("nonce").asLong())) {
            return json(NODES.objectNode().put("status", "err").put("response", "Invalid nonce: duplicate nonce"));
        }
        JsonNode action = body.get("action");
        JsonNode reply = switch (action.path("type").asText()) {
            case "order" ->
                placeOrder(action.path("orders").get(0), fault instanceof RejectOrder r ? r.reason() : null);
            case "cancel" -> cancel(action.path("cancels").get(0).path("o").asLong());
            case "cancelByCloid" ->
                cancel(oidOfCloid(action.path("cancels").get(0).path("cloid").asText()));
            case "updateLeverage", "usdSend", "withdraw3" -> fixture("exchange_default.json");
            default -> NODES.objectNode().put("status", "err").put("response", "unknown action");
        };
        MockResponse.Builder response = new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(reply.toString());
        if (fault instanceof ApplyThenRespond answer) {
            return new MockResponse.Builder()
                    .code(answer.code())
                    .body(answer.body())
                    .build();
        }
        if (fault instanceof LoseResponse) {
            response.onResponseStart(SocketEffect.ShutdownConnection.INSTANCE);
        } else if (fault instanceof StallResponse) {
            response.onResponseStart(SocketEffect.Stall.INSTANCE);
        }
        return response.build();
    }

    /** What the venue does to authenticate: rebuild the signed digest from the received JSON and recover the signer. */
    private String recoverSigner(ObjectNode body) {
        JsonNode action = body.get("action");
        JsonNode sig = body.get("signature");
        EcdsaSignature signature = new EcdsaSignature(
                new BigInteger(sig.path("r").asText().substring(2), 16),
                new BigInteger(sig.path("s").asText().substring(2), 16),
                sig.path("v").asInt());
        String type = action.path("type").asText();
        byte[] digest;
        if (type.equals("usdSend") || type.equals("withdraw3")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> message = JSON.convertValue(action, Map.class);
            String primaryType =
                    type.equals("usdSend") ? "HyperliquidTransaction:UsdSend" : "HyperliquidTransaction:Withdraw";
            BigInteger chainId =
                    new BigInteger(action.path("signatureChainId").asText().substring(2), 16);
            digest = HyperliquidSigner.userSignedDigest(primaryType, TRANSFER_FIELDS, message, chainId);
        } else {
            String vault = body.path("vaultAddress").isNull()
                            || body.path("vaultAddress").isMissingNode()
                    ? null
                    : body.path("vaultAddress").asText();
            Long expiresAfter =
                    body.has("expiresAfter") && !body.get("expiresAfter").isNull()
                            ? body.get("expiresAfter").asLong()
                            : null;
            byte[] packed = MsgPackWriter.pack(JSON.convertValue(action, Object.class)); // JSON key order, as received
            digest = HyperliquidSigner.l1Digest(
                    HyperliquidSigner.connectionId(packed, body.path("nonce").asLong(), vault, expiresAfter), mainnet);
        }
        return HyperliquidSigner.recoverAddress(digest, signature);
    }

    private JsonNode placeOrder(JsonNode wire, String rejection) {
        if (rejection != null) {
            return statusReply("exchange_order_error.json", NODES.objectNode().put("error", rejection));
        }
        String coin =
                meta.path("universe").get(wire.path("a").asInt()).path("name").asText();
        boolean buy = wire.path("b").asBoolean();
        BigDecimal px = new BigDecimal(wire.path("p").asText());
        BigDecimal sz = new BigDecimal(wire.path("s").asText());
        String tif = wire.path("t").path("limit").path("tif").asText();
        boolean reduceOnly = wire.path("r").asBoolean();
        if (reduceOnly) {
            BigDecimal held = positions.getOrDefault(coin, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[0];
            if (held.signum() == 0 || (held.signum() > 0) == buy) {
                return statusReply(
                        "exchange_order_error.json",
                        NODES.objectNode()
                                .put("error", "Reduce only order would increase position. asset=" + wire.path("a")));
            }
        }
        long oid = nextOid++;
        ObjectNode order = NODES.objectNode();
        order.put("coin", coin)
                .put("side", buy ? "B" : "A")
                .put("limitPx", wire.path("p").asText())
                .put("sz", sz.toPlainString())
                .put("oid", oid)
                .put("timestamp", ++now)
                .put("origSz", sz.toPlainString())
                .put("reduceOnly", reduceOnly)
                .put("orderType", "Limit")
                .put("tif", tif);
        if (wire.has("c")) {
            order.put("cloid", wire.path("c").asText());
        } else {
            order.putNull("cloid");
        }
        orders.put(oid, order);
        orderStatus.put(oid, "open");
        if (tif.equals("Ioc")) {
            BigDecimal mark = markPx(coin);
            boolean crosses = buy ? px.compareTo(mark) >= 0 : px.compareTo(mark) <= 0;
            if (!crosses) {
                orderStatus.put(oid, "iocCancelRejected");
                return statusReply(
                        "exchange_order_error.json",
                        NODES.objectNode()
                                .put(
                                        "error",
                                        "Order could not immediately match against any resting orders. asset="
                                                + wire.path("a")));
            }
            recordFill(order, sz, mark, true);
            ObjectNode filled = NODES.objectNode();
            filled.putObject("filled")
                    .put("totalSz", sz.toPlainString())
                    .put("avgPx", mark.toPlainString())
                    .put("oid", oid);
            return statusReply("exchange_order_filled.json", filled);
        }
        pushOrderUpdate(order, "open");
        ObjectNode resting = NODES.objectNode();
        resting.putObject("resting").put("oid", oid);
        return statusReply("exchange_order_resting.json", resting);
    }

    private JsonNode cancel(Long oid) {
        if (oid == null || !"open".equals(orderStatus.get(oid))) {
            return fixture("exchange_cancel_error.json");
        }
        orderStatus.put(oid, "canceled");
        pushOrderUpdate(orders.get(oid), "canceled");
        return fixture("exchange_cancel_success.json");
    }

    private Long oidOfCloid(String cloid) {
        return orders.entrySet().stream()
                .filter(e -> cloid.equals(e.getValue().path("cloid").asText(null)))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    private void recordFill(ObjectNode order, BigDecimal size, BigDecimal px, boolean crossed) {
        long oid = order.path("oid").asLong();
        String coin = order.path("coin").asText();
        boolean buy = order.path("side").asText().equals("B");
        BigDecimal[] position =
                positions.computeIfAbsent(coin, c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        BigDecimal start = position[0];
        BigDecimal signed = buy ? size : size.negate();
        BigDecimal after = start.add(signed);
        if (start.signum() == 0 || start.signum() == signed.signum()) {
            position[1] = start.abs()
                    .multiply(position[1])
                    .add(size.multiply(px))
                    .divide(after.abs(), 8, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
        }
        position[0] = after;
        BigDecimal remaining = new BigDecimal(order.get("sz").asText()).subtract(size);
        order.put("sz", remaining.toPlainString());
        orderStatus.put(oid, remaining.signum() == 0 ? "filled" : "open");

        ObjectNode fill = (ObjectNode) fixture("userFills.json").get(0).deepCopy();
        fill.put("coin", coin)
                .put("px", px.toPlainString())
                .put("sz", size.toPlainString())
                .put("side", order.path("side").asText())
                .put("time", ++now)
                .put("startPosition", start.toPlainString())
                .put("dir", buy ? "Open Long" : "Close Long")
                .put("oid", oid)
                .put("crossed", crossed)
                .put(
                        "fee",
                        size.multiply(px)
                                .multiply(new BigDecimal("0.00035"))
                                .setScale(6, RoundingMode.HALF_EVEN)
                                .toPlainString())
                .put("tid", nextTid++);
        if (order.hasNonNull("cloid")) {
            fill.put("cloid", order.path("cloid").asText());
        }
        fills.add(fill);
        ObjectNode data = NODES.objectNode().put("user", signerAddress);
        data.putArray("fills").add(fill);
        pushToSockets("userFills", data);
        pushOrderUpdate(order, orderStatus.get(oid));
    }

    private void pushOrderUpdate(ObjectNode order, String status) {
        ObjectNode update = NODES.objectNode();
        update.set("order", order.deepCopy());
        update.put("status", status).put("statusTimestamp", now);
        pushToSockets("orderUpdates", NODES.arrayNode().add(update));
    }

    private BigDecimal markPx(String coin) {
        JsonNode ctxs = fixture("metaAndAssetCtxs.json");
        for (int i = 0; i < meta.path("universe").size(); i++) {
            if (meta.path("universe").get(i).path("name").asText().equals(coin)) {
                return new BigDecimal(ctxs.get(1).get(i).path("markPx").asText());
            }
        }
        throw new IllegalArgumentException(coin);
    }

    /** A documented exchange reply with its single status replaced. */
    private static JsonNode statusReply(String template, JsonNode status) {
        ObjectNode reply = (ObjectNode) fixture(template).deepCopy();
        ((ArrayNode) reply.path("response").path("data").path("statuses"))
                .removeAll()
                .add(status);
        return reply;
    }

    private static MockResponse json(JsonNode body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body.toString())
                .build();
    }

    // ------------------------------------------------------------------ WebSocket

    private final class ServerSocketListener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            synchronized (FakeHyperliquid.this) {
                sockets.put(webSocket, new ArrayList<>());
            }
            wsEvents.add("open");
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            String method = message.path("method").asText();
            if (method.equals("ping")) {
                if (answerPings) {
                    webSocket.send("{\"channel\":\"pong\"}");
                }
                wsEvents.add("ping");
                return;
            }
            JsonNode subscription = message.path("subscription");
            synchronized (FakeHyperliquid.this) {
                List<JsonNode> subscribed = sockets.get(webSocket);
                if (subscribed == null) {
                    return;
                }
                if (method.equals("subscribe")) {
                    subscribed.add(subscription);
                    ObjectNode ack = NODES.objectNode().put("channel", "subscriptionResponse");
                    ack.putObject("data").put("method", "subscribe").set("subscription", subscription);
                    webSocket.send(ack.toString());
                    if (subscription.path("type").asText().equals("userFills")) {
                        // The snapshot is the history as it stood at the first subscription: fills made since are
                        // not replayed to a resubscribing client, which must ask REST for them.
                        if (fillHistoryAtFirstSubscription == null) {
                            fillHistoryAtFirstSubscription = List.copyOf(fills);
                        }
                        ObjectNode snapshot =
                                (ObjectNode) fixture("ws_userFills.json").deepCopy();
                        ObjectNode data = (ObjectNode) snapshot.get("data");
                        data.put("user", subscription.path("user").asText());
                        data.putArray("fills").addAll(fillHistoryAtFirstSubscription);
                        webSocket.send(snapshot.toString());
                    }
                } else if (method.equals("unsubscribe")) {
                    subscribed.remove(subscription);
                }
            }
            wsEvents.add(method + ":" + subscription.path("type").asText());
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            synchronized (FakeHyperliquid.this) {
                sockets.remove(webSocket);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            synchronized (FakeHyperliquid.this) {
                sockets.remove(webSocket);
            }
            webSocket.close(1000, null);
        }
    }

    @Override
    public void close() {
        dropWebSockets();
        server.close();
    }
}
