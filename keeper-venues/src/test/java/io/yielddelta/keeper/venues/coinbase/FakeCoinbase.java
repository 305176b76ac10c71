package io.yielddelta.keeper.venues.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A local stand-in for Coinbase Advanced Trade (INTX perpetuals, one market) over HTTP and WebSocket. It answers with
 * the documented response shapes (fixtures under {@code src/test/resources/coinbase}), keeps orders, fills and the
 * position, de-duplicates orders by client_order_id as Coinbase does, and checks every JWT with the test key's public
 * key, built from the vector's own public point rather than from the keeper's key loader.
 */
public final class FakeCoinbase implements AutoCloseable {

    public static final String PRODUCT = "ETH-PERP-INTX";
    public static final String PORTFOLIO = "018c02be-a6c5-7e3e-bc1d-1c7e5fd3d3e2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/api/v3/brokerage";

    final MockWebServer server = new MockWebServer();
    final List<String> authFailures = Collections.synchronizedList(new ArrayList<>());
    final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final BlockingQueue<JsonNode> subscribes = new LinkedBlockingQueue<>();
    private final Set<String> nonces = Collections.synchronizedSet(new HashSet<>());
    private final PublicKey publicKey = vectorPublicKey();
    private final Clock clock;

    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final List<ObjectNode> fills = new ArrayList<>();
    private final Map<String, Deque<Function<RecordedRequest, MockResponse>>> once = new HashMap<>();
    private final Set<String> dropAnswerOnce = new HashSet<>();
    private BigDecimal netSize = BigDecimal.ZERO;
    private BigDecimal entryPrice = BigDecimal.ZERO;
    private BigDecimal mark = new BigDecimal("3012.55");
    private int nextId = 1;
    private volatile WebSocket socket;
    private int webSocketConnections;

    public FakeCoinbase(Clock clock) throws IOException {
        this.clock = clock;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        });
        server.start();
    }

    public String restUrl() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    public String wsUrl() {
        return server.url("/ws").toString().replace("http://", "ws://");
    }

    // Scripting

    /** The next request to {@code "METHOD path"} gets this answer instead of the normal one (queued after earlier ones). */
    synchronized void answerOnce(String methodAndPath, int code, String fixture, Map<String, String> headers) {
        once.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(r -> {
            MockResponse.Builder b =
                    new MockResponse.Builder().code(code).body(fixture(fixture).toString());
            headers.forEach(b::addHeader);
            return b.build();
        });
    }

    /**
     * The next request to {@code "METHOD path"} takes effect, but is answered with this status and fixture, as a proxy
     * whose upstream acted and then timed out answers.
     */
    synchronized void answerOnceAfterActing(String methodAndPath, int code, String fixture) {
        once.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(r -> {
            route(r, r.getUrl().encodedPath());
            return new MockResponse.Builder()
                    .code(code)
                    .body(fixture(fixture).toString())
                    .build();
        });
    }

    /** The next request to {@code "METHOD path"} takes effect, but the connection breaks before the answer. */
    synchronized void dropAnswerOnce(String methodAndPath) {
        dropAnswerOnce.add(methodAndPath);
    }

    synchronized void setMark(BigDecimal price) {
        mark = price;
    }

    /** Executes part of a resting order; {@code push} also sends the user-channel update (false: it is lost). */
    synchronized ObjectNode fill(String orderId, BigDecimal size, BigDecimal price, boolean push) {
        ObjectNode order = orders.get(orderId);
        ObjectNode fill = fixture("fill.json");
        int n = fills.size() + 1;
        fill.put("entry_id", "entry-" + n);
        fill.put("trade_id", "trade-" + n);
        fill.put("order_id", orderId);
        fill.put("trade_time", clock.instant().toString());
        fill.put("sequence_timestamp", clock.instant().toString());
        fill.put("price", price.toPlainString());
        fill.put("size", size.toPlainString());
        fill.put(
                "commission",
                price.multiply(size)
                        .multiply(new BigDecimal("0.0002"))
                        .stripTrailingZeros()
                        .toPlainString());
        fill.put("product_id", PRODUCT);
        fill.put("side", order.path("side").asText());
        fill.put("liquidity_indicator", "MAKER");
        fills.add(fill);

        BigDecimal filledBefore = new BigDecimal(order.path("filled_size").asText());
        BigDecimal filled = filledBefore.add(size);
        BigDecimal average = filledBefore.signum() == 0
                ? price
                : new BigDecimal(order.path("average_filled_price").asText())
                        .multiply(filledBefore)
                        .add(price.multiply(size))
                        .divide(filled, 8, RoundingMode.HALF_EVEN)
                        .stripTrailingZeros();
        order.put("filled_size", filled.toPlainString());
        order.put("average_filled_price", average.toPlainString());
        order.put(
                "number_of_fills",
                Integer.toString(order.path("number_of_fills").asInt() + 1));
        BigDecimal total = new BigDecimal(baseSize(order));
        order.put(
                "completion_percentage",
                filled.multiply(BigDecimal.valueOf(100))
                        .divide(total, 2, RoundingMode.DOWN)
                        .stripTrailingZeros()
                        .toPlainString());
        if (filled.compareTo(total) >= 0) {
            order.put("status", "FILLED");
        }
        move(order.path("side").asText().equals("BUY") ? size : size.negate(), price);
        if (push && socket != null) {
            socket.send(userUpdate(order).toString());
        }
        return fill;
    }

    private void move(BigDecimal signedSize, BigDecimal price) {
        BigDecimal after = netSize.add(signedSize);
        if (netSize.signum() == 0 || netSize.signum() == signedSize.signum()) {
            entryPrice = netSize.abs()
                    .multiply(entryPrice)
                    .add(signedSize.abs().multiply(price))
                    .divide(after.abs(), 8, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
        } else if (after.signum() != 0 && after.signum() != netSize.signum()) {
            entryPrice = price;
        }
        netSize = after;
    }

    synchronized ObjectNode order(String orderId) {
        return orders.get(orderId);
    }

    /** Every request received, as {@code METHOD path}. */
    public List<String> requestLines() {
        synchronized (requests) {
            return requests.stream()
                    .map(r -> r.getMethod() + " " + r.getUrl().encodedPath())
                    .toList();
        }
    }

    synchronized List<ObjectNode> ordersWithClientId(String clientOrderId) {
        return orders.values().stream()
                .filter(o -> o.path("client_order_id").asText().equals(clientOrderId))
                .toList();
    }

    synchronized int orderCount() {
        return orders.size();
    }

    // WebSocket

    /**
     * Ends the current WebSocket connection from the server side, as Coinbase does when it restarts a gateway (close
     * code 1011). (mockwebserver's server-side socket cannot be cancelled without a close frame.)
     */
    void dropWebSocket() {
        WebSocket current = socket;
        socket = null;
        if (current != null) {
            current.close(1011, "server restarting");
        }
    }

    synchronized int webSocketConnections() {
        return webSocketConnections;
    }

    void push(String fixture, Function<ObjectNode, ObjectNode> edit) {
        WebSocket current = socket;
        if (current == null) {
            throw new IllegalStateException("no WebSocket connected");
        }
        current.send(edit.apply(fixture(fixture)).toString());
    }

    /** Waits for the next subscribe message to {@code channel}, skipping others. */
    JsonNode awaitSubscribe(String channel) throws InterruptedException {
        while (true) {
            JsonNode message = subscribes.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no subscribe to " + channel + " within 10 s");
            }
            if (message.path("channel").asText().equals(channel)) {
                return message;
            }
        }
    }

    private ObjectNode userUpdate(ObjectNode order) {
        ObjectNode message = fixture("ws-user.json");
        ObjectNode update =
                (ObjectNode) message.path("events").get(0).path("orders").get(0);
        update.put("order_id", order.path("order_id").asText());
        update.put("client_order_id", order.path("client_order_id").asText());
        update.put("cumulative_quantity", order.path("filled_size").asText());
        update.put(
                "leaves_quantity",
                new BigDecimal(baseSize(order))
                        .subtract(new BigDecimal(order.path("filled_size").asText()))
                        .toPlainString());
        update.put("avg_price", order.path("average_filled_price").asText());
        update.put("status", order.path("status").asText());
        update.put("order_side", order.path("side").asText());
        return message;
    }

    // HTTP

    private synchronized MockResponse handle(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/ws")) {
            webSocketConnections++;
            return new MockResponse.Builder()
                    .webSocketUpgrade(new ServerListener())
                    .build();
        }
        requests.add(request);
        String failure =
                checkToken(request.getHeaders().get("Authorization"), request.getMethod() + " api.coinbase.com" + path);
        if (failure != null) {
            authFailures.add(failure);
            return json(
                    401, JSON.createObjectNode().put("error", "UNAUTHENTICATED").put("message", failure));
        }
        String key = request.getMethod() + " " + path;
        Deque<Function<RecordedRequest, MockResponse>> queued = once.get(key);
        Function<RecordedRequest, MockResponse> scripted = queued == null ? null : queued.poll();
        if (scripted != null) {
            return scripted.apply(request);
        }
        MockResponse response = route(request, path);
        if (dropAnswerOnce.remove(key)) {
            return new MockResponse.Builder(response)
                    .onResponseStart(new SocketEffect.CloseSocket())
                    .build();
        }
        return response;
    }

    private MockResponse route(RecordedRequest request, String path) {
        String method = request.getMethod();
        if (method.equals("GET") && path.equals(PREFIX + "/products/" + PRODUCT)) {
            ObjectNode product = fixture("product-eth-perp-intx.json");
            product.put("price", mark.toPlainString());
            return json(200, product);
        }
        if (method.equals("GET") && path.equals(PREFIX + "/products")) {
            return json(200, fixture("products-perpetual.json"));
        }
        if (method.equals("POST")
                && (path.equals(PREFIX + "/orders") || path.equals(PREFIX + "/orders/close_position"))) {
            return createOrder(body(request), path.endsWith("close_position"));
        }
        if (method.equals("GET") && path.equals(PREFIX + "/orders/historical/batch")) {
            List<String> products = request.getUrl().queryParameterValues("product_ids");
            String status = request.getUrl().queryParameter("order_status");
            ObjectNode list = fixture("orders-batch.json");
            ArrayNode out = list.putArray("orders");
            List<ObjectNode> newestFirst = new ArrayList<>(orders.values());
            Collections.reverse(newestFirst);
            newestFirst.stream()
                    .filter(o -> products.isEmpty()
                            || products.contains(o.path("product_id").asText()))
                    .filter(o ->
                            status == null || status.equals(o.path("status").asText()))
                    .forEach(out::add);
            return json(200, list);
        }
        if (method.equals("GET") && path.equals(PREFIX + "/orders/historical/fills")) {
            String since = request.getUrl().queryParameter("start_sequence_timestamp");
            ObjectNode list = fixture("fills.json");
            ArrayNode out = list.putArray("fills");
            fills.stream()
                    .filter(f -> since == null
                            || !java.time.Instant.parse(f.path("trade_time").asText())
                                    .isBefore(java.time.Instant.parse(since)))
                    .forEach(out::add);
            return json(200, list);
        }
        if (method.equals("GET") && path.startsWith(PREFIX + "/orders/historical/")) {
            ObjectNode order = orders.get(path.substring((PREFIX + "/orders/historical/").length()));
            if (order == null) {
                return json(
                        404,
                        JSON.createObjectNode()
                                .put("error", "NOT_FOUND")
                                .put("error_details", "order with this orderID was not found")
                                .put("message", "order with this orderID was not found"));
            }
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.set("order", order);
            return json(200, wrapper);
        }
        if (method.equals("POST") && path.equals(PREFIX + "/orders/batch_cancel")) {
            ObjectNode answer = fixture("batch-cancel.json");
            ArrayNode results = answer.putArray("results");
            for (JsonNode id : body(request).path("order_ids")) {
                ObjectNode order = orders.get(id.asText());
                boolean ok = order != null && order.path("status").asText().equals("OPEN");
                if (ok) {
                    order.put("status", "CANCELLED");
                }
                results.addObject()
                        .put("success", ok)
                        .put("failure_reason", ok ? "UNKNOWN_CANCEL_FAILURE_REASON" : "UNKNOWN_CANCEL_ORDER")
                        .put("order_id", id.asText());
            }
            return json(200, answer);
        }
        if (method.equals("GET") && path.equals(PREFIX + "/intx/positions/" + PORTFOLIO)) {
            ObjectNode answer = fixture("intx-positions.json");
            ArrayNode positions = answer.putArray("positions");
            if (netSize.signum() != 0) {
                ObjectNode p = fixture("intx-position.json");
                p.put("net_size", netSize.abs().toPlainString());
                p.put("position_side", netSize.signum() > 0 ? "POSITION_SIDE_LONG" : "POSITION_SIDE_SHORT");
                ((ObjectNode) p.path("entry_vwap")).put("value", entryPrice.toPlainString());
                ((ObjectNode) p.path("vwap")).put("value", entryPrice.toPlainString());
                ((ObjectNode) p.path("unrealized_pnl"))
                        .put(
                                "value",
                                mark.subtract(entryPrice)
                                        .multiply(netSize)
                                        .stripTrailingZeros()
                                        .toPlainString());
                positions.add(p);
            }
            return json(200, answer);
        }
        if (method.equals("GET") && path.equals(PREFIX + "/intx/portfolio/" + PORTFOLIO)) {
            return json(200, fixture("intx-portfolio-summary.json"));
        }
        return json(404, JSON.createObjectNode().put("error", "NOT_FOUND").put("message", "no route " + path));
    }

    private MockResponse createOrder(JsonNode body, boolean closePosition) {
        String clientOrderId = body.path("client_order_id").asText();
        ObjectNode answer = fixture("create-order-success.json");
        ObjectNode success = (ObjectNode) answer.path("success_response");
        List<ObjectNode> existing = ordersWithClientId(clientOrderId);
        ObjectNode order;
        if (!existing.isEmpty()) {
            order = existing.get(0); // Coinbase answers a repeated client_order_id with the first order
        } else {
            order = (ObjectNode) fixture("order.json").path("order");
            String id = String.format("00000000-0000-4000-8000-%012d", nextId++);
            order.put("order_id", id);
            order.put("product_id", body.path("product_id").asText());
            order.put("client_order_id", clientOrderId);
            order.put("created_time", clock.instant().toString());
            if (closePosition) {
                order.put("side", netSize.signum() > 0 ? "SELL" : "BUY");
                ObjectNode configuration = JSON.createObjectNode();
                configuration
                        .putObject("market_market_ioc")
                        .put("base_size", body.path("size").asText());
                order.set("order_configuration", configuration);
                order.put("order_type", "MARKET");
            } else {
                order.put("side", body.path("side").asText());
                order.set("order_configuration", body.path("order_configuration"));
                order.put("leverage", body.path("leverage").asText("1"));
                order.put("margin_type", body.path("margin_type").asText("CROSS"));
                order.put("order_type", body.path("order_configuration").has("market_market_ioc") ? "MARKET" : "LIMIT");
            }
            orders.put(id, order);
            if (order.path("order_type").asText().equals("MARKET")) {
                fill(id, new BigDecimal(baseSize(order)), mark, true);
            }
        }
        success.put("order_id", order.path("order_id").asText());
        success.put("product_id", order.path("product_id").asText());
        success.put("side", order.path("side").asText());
        success.put("client_order_id", clientOrderId);
        answer.set("order_configuration", order.path("order_configuration"));
        return json(200, answer);
    }

    private static String baseSize(ObjectNode order) {
        JsonNode configuration = order.path("order_configuration");
        return configuration.fields().next().getValue().path("base_size").asText();
    }

    /** Null when the token is good; otherwise what is wrong with it. */
    private String checkToken(String authorization, String expectedUri) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "no bearer token";
        }
        try {
            CdpJwtSignerTest.Jwt jwt = CdpJwtSignerTest.Jwt.parse(authorization.substring("Bearer ".length()));
            if (!jwt.verify(publicKey)) {
                return "bad signature";
            }
            if (!nonces.add(jwt.header().path("nonce").asText())) {
                return "nonce reused";
            }
            long nbf = jwt.claims().path("nbf").asLong();
            if (jwt.claims().path("exp").asLong() != nbf + 120
                    || nbf != clock.instant().getEpochSecond()) {
                return "bad validity window";
            }
            if (expectedUri != null
                    && !expectedUri.equals(jwt.claims().path("uri").asText())) {
                return "uri claim " + jwt.claims().path("uri").asText() + " for " + expectedUri;
            }
            if (expectedUri == null && jwt.claims().has("uri")) {
                return "WebSocket token with a uri claim";
            }
            if (!CoinbaseVectors.KEY_NAME.equals(jwt.header().path("kid").asText())
                    || !CoinbaseVectors.KEY_NAME.equals(jwt.claims().path("sub").asText())
                    || !"cdp".equals(jwt.claims().path("iss").asText())) {
                return "wrong kid, sub or iss";
            }
            return null;
        } catch (Exception | AssertionError e) {
            return "unreadable token: " + e.getClass().getSimpleName();
        }
    }

    private static JsonNode body(RecordedRequest request) {
        try {
            return JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode fixture(String name) {
        try (InputStream in = FakeCoinbase.class.getResourceAsStream("/coinbase/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body.toString())
                .build();
    }

    private static PublicKey vectorPublicKey() {
        try {
            String hex = CoinbaseVectors.ROOT
                    .path("testKeys")
                    .path("es256")
                    .path("intermediate")
                    .path("publicUncompressedHex")
                    .asText();
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECPoint point =
                    new ECPoint(new BigInteger(hex.substring(2, 66), 16), new BigInteger(hex.substring(66), 16));
            return KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the vector's public key", e);
        }
    }

    @Override
    public void close() throws IOException {
        dropWebSocket();
        server.close();
    }

    private final class ServerListener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            try {
                JsonNode message = JSON.readTree(text);
                String failure = checkToken("Bearer " + message.path("jwt").asText(), null);
                if (failure != null) {
                    authFailures.add("ws " + message.path("channel").asText() + ": " + failure);
                    return;
                }
                subscribes.add(message);
            } catch (IOException e) {
                authFailures.add("ws message is not JSON");
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }
    }
}
