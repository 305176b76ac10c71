package io.yielddelta.keeper.venues.dydx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.yielddelta.keeper.venues.dydx.proto.AuthInfo;
import io.yielddelta.keeper.venues.dydx.proto.MsgCancelOrder;
import io.yielddelta.keeper.venues.dydx.proto.MsgPlaceOrder;
import io.yielddelta.keeper.venues.dydx.proto.Order;
import io.yielddelta.keeper.venues.dydx.proto.OrderId;
import io.yielddelta.keeper.venues.dydx.proto.PubKey;
import io.yielddelta.keeper.venues.dydx.proto.SignDoc;
import io.yielddelta.keeper.venues.dydx.proto.SignMode;
import io.yielddelta.keeper.venues.dydx.proto.SignerInfo;
import io.yielddelta.keeper.venues.dydx.proto.TxBody;
import io.yielddelta.keeper.venues.dydx.proto.TxRaw;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * A local dYdX v4: the indexer's REST API under {@code /v4} and its WebSocket at {@code /v4/ws}, and a full node's REST
 * gateway ({@code /cosmos/...}), answering in the documented shapes (fixtures under {@code src/test/resources/dydx/}).
 * It decodes every broadcast transaction with the generated classes, checks the SIGN_MODE_DIRECT signature against
 * the public key in the transaction and that key against the account's address, enforces the account sequence for
 * stateful messages as the chain does, and keeps a small matching state. It can be told to misbehave.
 */
public final class FakeDydx implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    public static final String CHAIN_ID = "dydx-testnet-4";
    static final long ACCOUNT_NUMBER = 33;
    private static final X9ECParameters CURVE = SECNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

    /** What the next request whose path starts with {@code pathPrefix} gets instead of normal service. */
    record Fault(
            String pathPrefix, MockResponse respond, boolean loseResponse, boolean applyFirst, boolean holdInMempool) {
        static Fault respond(String pathPrefix, MockResponse response) {
            return new Fault(pathPrefix, response, false, false, false);
        }

        /** Apply the broadcast, then drop the connection before answering. */
        static Fault loseBroadcastResponse() {
            return new Fault("/cosmos/tx/v1beta1/txs", null, true, false, false);
        }

        /** Apply the broadcast (the node took the transaction), then answer this instead, as a failing proxy would. */
        static Fault acceptBroadcastThenRespond(MockResponse response) {
            return new Fault("/cosmos/tx/v1beta1/txs", response, false, true, false);
        }

        /**
         * CheckTx takes the order into the mempool, where it waits for a block ({@link #commitMempool}) or is evicted
         * ({@link #dropMempool}); the client is answered this instead, as a failing proxy would.
         */
        static Fault holdInMempoolThenRespond(MockResponse response) {
            return new Fault("/cosmos/tx/v1beta1/txs", response, false, true, true);
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final String address;
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final List<ObjectNode> fills = new ArrayList<>();
    private final Map<String, BigDecimal[]> positions = new LinkedHashMap<>(); // ticker -> {signed size, entry}
    private final List<String> broadcasts = new ArrayList<>();
    private final List<Order> mempool = new ArrayList<>();
    private final Map<WebSocket, List<String>> sockets = new LinkedHashMap<>();
    private final BlockingQueue<String> wsEvents = new LinkedBlockingQueue<>();
    private final JsonNode markets = fixture("perpetualMarkets.json");
    private boolean refuseWebSockets;
    private long sequence = 7;
    private long height = 1_000_000;
    private long nextFillId = 1;
    private Instant now = Instant.parse("2026-11-23T22:00:00Z");
    private int signatureFailures;

    public FakeDydx(String address) throws IOException {
        this.address = address;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeDydx.this.dispatch(request);
            }
        });
        server.start();
    }

    public String indexerUrl() {
        return server.url("/v4").toString();
    }

    public String wsUrl() {
        return server.url("/v4/ws").toString().replaceFirst("^http", "ws");
    }

    public String nodeUrl() {
        return server.url("/").toString();
    }

    static JsonNode fixture(String name) {
        try (InputStream in = FakeDydx.class.getResourceAsStream("/dydx/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ test controls

    synchronized void enqueue(Fault fault) {
        faults.add(fault);
    }

    /** Another client used the account: the chain's sequence moves on without the keeper. */
    synchronized void advanceSequence(long by) {
        sequence += by;
    }

    synchronized long sequence() {
        return sequence;
    }

    /** The next block: the orders waiting in the mempool are placed, unless their good-til block has passed. */
    synchronized void commitMempool() {
        height++;
        for (Order order : mempool) {
            if (order.getOrderId().getOrderFlags() != 0 || Integer.toUnsignedLong(order.getGoodTilBlock()) >= height) {
                placeOrder(order, false);
            }
        }
        mempool.clear();
    }

    /** The mempool evicts what it holds: those orders never reach a block. */
    synchronized void dropMempool() {
        mempool.clear();
    }

    /** The chain moves on by {@code blocks} blocks without the keeper's transactions. */
    synchronized void advanceBlocks(int blocks) {
        height += blocks;
    }

    /** Fills part of a resting order at its limit price, as a trade against someone else would; pushes it on the stream. */
    synchronized void fill(String orderId, BigDecimal size) {
        ObjectNode order = orders.get(orderId);
        recordFill(order, size, "MAKER");
    }

    synchronized void refuseWebSockets(boolean refuse) {
        refuseWebSockets = refuse;
    }

    /** Ends every open WebSocket from the server side ("going away"): the client must reconnect. */
    synchronized void dropWebSockets() {
        sockets.keySet().forEach(s -> s.close(1001, "going away"));
        sockets.clear();
    }

    BlockingQueue<String> wsEvents() {
        return wsEvents;
    }

    synchronized long ordersWithClientId(long clientId) {
        return orders.values().stream()
                .filter(o -> o.path("clientId").asText().equals(Long.toString(clientId)))
                .count();
    }

    synchronized JsonNode order(String id) {
        return orders.get(id).deepCopy();
    }

    public synchronized List<String> broadcasts() {
        return List.copyOf(broadcasts);
    }

    synchronized int signatureFailures() {
        return signatureFailures;
    }

    synchronized void pushOraclePrice() {
        push("v4_markets", fixture("ws_markets_oracle.json"));
    }

    @Override
    public void close() throws IOException {
        dropWebSockets();
        server.close();
    }

    // ------------------------------------------------------------------ HTTP

    private MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        Fault fault = takeFault(path);
        if (fault != null && fault.respond() != null && !fault.applyFirst()) {
            return fault.respond();
        }
        try {
            if (path.equals("/v4/ws")) {
                return webSocket();
            }
            if (path.equals("/cosmos/tx/v1beta1/txs")) {
                JsonNode reply =
                        broadcast(JSON.readTree(request.getBody().utf8()), fault != null && fault.holdInMempool());
                if (fault != null && fault.applyFirst()) {
                    return fault.respond();
                }
                MockResponse.Builder response = json(reply).newBuilder();
                if (fault != null && fault.loseResponse()) {
                    response.onResponseStart(SocketEffect.ShutdownConnection.INSTANCE);
                }
                return response.build();
            }
            return get(path, request);
        } catch (IOException e) {
            return new MockResponse.Builder()
                    .code(400)
                    .body("{\"code\":3,\"message\":\"invalid request\",\"details\":[]}")
                    .build();
        }
    }

    private synchronized Fault takeFault(String path) {
        Fault first = faults.peek();
        if (first != null && path.startsWith(first.pathPrefix())) {
            return faults.poll();
        }
        return null;
    }

    private synchronized MockResponse get(String path, RecordedRequest request) {
        String[] p = path.substring(1).split("/");
        if (path.startsWith("/cosmos/auth/v1beta1/accounts/")) {
            ObjectNode body = (ObjectNode) fixture("account.json");
            ((ObjectNode) body.get("account"))
                    .put("address", p[4])
                    .put("account_number", Long.toString(ACCOUNT_NUMBER))
                    .put("sequence", Long.toString(sequence));
            return json(body);
        }
        if (path.equals("/cosmos/base/tendermint/v1beta1/blocks/latest")) {
            ObjectNode body = (ObjectNode) fixture("blocks_latest.json");
            ((ObjectNode) body.path("block").path("header")).put("height", Long.toString(height));
            return json(body);
        }
        switch (p[1]) {
            case "perpetualMarkets" -> {
                String ticker = request.getUrl().queryParameter("ticker");
                if (ticker == null) {
                    return json(markets);
                }
                ObjectNode only = JSON.createObjectNode();
                only.putObject("markets").set(ticker, markets.path("markets").path(ticker));
                return json(only);
            }
            case "addresses" -> {
                ObjectNode body = (ObjectNode) fixture("subaccount.json");
                ((ObjectNode) body.get("subaccount")).put("address", p[2]);
                return json(body);
            }
            case "perpetualPositions" -> {
                ObjectNode body = JSON.createObjectNode();
                ArrayNode list = body.putArray("positions");
                positions.forEach((ticker, pos) -> {
                    ObjectNode position = (ObjectNode) fixture("perpetualPosition.json");
                    position.put("market", ticker)
                            .put("side", pos[0].signum() >= 0 ? "LONG" : "SHORT")
                            .put("size", pos[0].toPlainString())
                            .put("entryPrice", pos[1].toPlainString());
                    list.add(position);
                });
                return json(body);
            }
            case "orders" -> {
                if (p.length > 2) {
                    ObjectNode order = orders.get(p[2]);
                    return order == null
                            ? new MockResponse.Builder()
                                    .code(404)
                                    .body("{\"errors\":[{\"msg\":\"No order found with orderId: " + p[2] + "\"}]}")
                                    .build()
                            : json(order);
                }
                ArrayNode list = JSON.createArrayNode();
                orders.values().stream()
                        .filter(o -> o.path("status").asText().equals("OPEN"))
                        .forEach(list::add);
                return json(list);
            }
            case "fills" -> {
                int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
                String before = request.getUrl().queryParameter("createdBeforeOrAt");
                ObjectNode body = JSON.createObjectNode();
                ArrayNode list = body.putArray("fills");
                fills.stream()
                        .filter(f -> before == null
                                || !Instant.parse(f.path("createdAt").asText()).isAfter(Instant.parse(before)))
                        .sorted(Comparator.comparing(
                                        (ObjectNode f) -> f.path("createdAt").asText())
                                .reversed())
                        .limit(limit)
                        .forEach(list::add);
                return json(body);
            }
            case "height" -> {
                ObjectNode body = (ObjectNode) fixture("height.json");
                body.put("height", Long.toString(height)).put("time", now.toString());
                return json(body);
            }
            case "historicalFunding" -> {
                return json(fixture("historicalFunding.json"));
            }
            case "orderbooks" -> {
                return json(fixture("orderbook.json"));
            }
            default -> {
                return new MockResponse.Builder().code(404).build();
            }
        }
    }

    // ------------------------------------------------------------------ node: broadcast

    private synchronized JsonNode broadcast(JsonNode request, boolean hold) throws InvalidProtocolBufferException {
        height++;
        if (!"BROADCAST_MODE_SYNC".equals(request.path("mode").asText())) {
            return checkTx(3, "sdk", "unsupported broadcast mode");
        }
        byte[] txBytes = Base64.getDecoder().decode(request.path("tx_bytes").asText());
        TxRaw raw = TxRaw.parseFrom(txBytes);
        TxBody body = TxBody.parseFrom(raw.getBodyBytes());
        AuthInfo authInfo = AuthInfo.parseFrom(raw.getAuthInfoBytes());
        SignerInfo signerInfo = authInfo.getSignerInfos(0);
        byte[] publicKey =
                PubKey.parseFrom(signerInfo.getPublicKey().getValue()).getKey().toByteArray();
        SignDoc signDoc = SignDoc.newBuilder()
                .setBodyBytes(raw.getBodyBytes())
                .setAuthInfoBytes(raw.getAuthInfoBytes())
                .setChainId(CHAIN_ID)
                .setAccountNumber(ACCOUNT_NUMBER)
                .build();
        if (signerInfo.getModeInfo().getSingle().getMode() != SignMode.SIGN_MODE_DIRECT
                || !"/cosmos.crypto.secp256k1.PubKey"
                        .equals(signerInfo.getPublicKey().getTypeUrl())
                || !addressOf(publicKey).equals(address)
                || raw.getSignaturesCount() != 1
                || !verify(
                        publicKey,
                        DydxWallet.sha256(signDoc.toByteArray()),
                        raw.getSignatures(0).toByteArray())) {
            signatureFailures++;
            return checkTx(
                    4,
                    "sdk",
                    "signature verification failed; please verify account number (" + ACCOUNT_NUMBER
                            + ") and chain-id (" + CHAIN_ID + "): unauthorized");
        }
        Any message = body.getMessages(0);
        boolean stateful = switch (message.getTypeUrl()) {
            case "/dydxprotocol.clob.MsgPlaceOrder" ->
                MsgPlaceOrder.parseFrom(message.getValue())
                                .getOrder()
                                .getOrderId()
                                .getOrderFlags()
                        != 0;
            case "/dydxprotocol.clob.MsgCancelOrder" ->
                MsgCancelOrder.parseFrom(message.getValue()).getOrderId().getOrderFlags() != 0;
            default -> true;
        };
        if (stateful && signerInfo.getSequence() != sequence) {
            return checkTx(
                    32,
                    "sdk",
                    "account sequence mismatch, expected " + sequence + ", got " + signerInfo.getSequence()
                            + ": incorrect account sequence");
        }
        JsonNode outcome = switch (message.getTypeUrl()) {
            case "/dydxprotocol.clob.MsgPlaceOrder" ->
                placeOrder(MsgPlaceOrder.parseFrom(message.getValue()).getOrder(), hold);
            case "/dydxprotocol.clob.MsgCancelOrder" -> cancelOrder(MsgCancelOrder.parseFrom(message.getValue()));
            default -> checkTx(6, "sdk", "unknown message type " + message.getTypeUrl());
        };
        if (outcome.path("tx_response").path("code").asInt() == 0) {
            broadcasts.add(message.getTypeUrl());
            if (stateful) {
                sequence++;
            }
        }
        return outcome;
    }

    /** @param hold CheckTx only: the valid order waits in the mempool instead of being placed */
    private JsonNode placeOrder(Order order, boolean hold) {
        OrderId id = order.getOrderId();
        JsonNode market = marketOf(id.getClobPairId());
        DydxQuantizer q = new DydxQuantizer(
                market.path("atomicResolution").asInt(),
                market.path("quantumConversionExponent").asInt(),
                market.path("stepBaseQuantums").asLong(),
                market.path("subticksPerTick").asLong());
        if (order.getQuantums() % q.stepBaseQuantums() != 0 || order.getQuantums() == 0) {
            return checkTx(2000, "clob", "invalid order quantums: must be a positive multiple of StepBaseQuantums");
        }
        if (order.getSubticks() % q.subticksPerTick() != 0 || order.getSubticks() == 0) {
            return checkTx(2001, "clob", "invalid order subticks: must be a positive multiple of SubticksPerTick");
        }
        boolean shortTerm = id.getOrderFlags() == 0;
        if (shortTerm && (order.getGoodTilBlock() <= height - 1 || order.getGoodTilBlock() > height - 1 + 20)) {
            return checkTx(2002, "clob", "GoodTilBlock " + order.getGoodTilBlock() + " outside the short-block window");
        }
        if (hold) {
            mempool.add(order);
            return ok();
        }
        String indexerId = DydxOrderIds.indexerOrderId(
                id.getSubaccountId().getOwner(),
                id.getSubaccountId().getNumber(),
                Integer.toUnsignedLong(id.getClientId()),
                id.getClobPairId(),
                id.getOrderFlags());
        if (!shortTerm && orders.containsKey(indexerId)) {
            return checkTx(2003, "clob", "A stateful order with this OrderId already exists");
        }
        ObjectNode o = (ObjectNode) fixture("order.json");
        o.put("id", indexerId)
                .put(
                        "subaccountId",
                        DydxOrderIds.subaccountUuid(
                                id.getSubaccountId().getOwner(),
                                id.getSubaccountId().getNumber()))
                .put("clientId", Integer.toUnsignedString(id.getClientId()))
                .put("clobPairId", Integer.toString(id.getClobPairId()))
                .put("side", order.getSide() == Order.Side.SIDE_BUY ? "BUY" : "SELL")
                .put("size", q.size(BigInteger.valueOf(order.getQuantums())).toPlainString())
                .put("price", q.price(BigInteger.valueOf(order.getSubticks())).toPlainString())
                .put("type", "LIMIT")
                .put(
                        "timeInForce",
                        switch (order.getTimeInForce()) {
                            case TIME_IN_FORCE_IOC -> "IOC";
                            case TIME_IN_FORCE_POST_ONLY -> "POST_ONLY";
                            default -> "GTT";
                        })
                .put("postOnly", order.getTimeInForce() == Order.TimeInForce.TIME_IN_FORCE_POST_ONLY)
                .put("reduceOnly", order.getReduceOnly())
                .put("orderFlags", Integer.toString(id.getOrderFlags()))
                .put("ticker", market.path("ticker").asText());
        if (shortTerm) {
            o.put("goodTilBlock", Integer.toUnsignedString(order.getGoodTilBlock()))
                    .put("status", "BEST_EFFORT_OPENED");
        } else {
            o.put(
                    "goodTilBlockTime",
                    Instant.ofEpochSecond(Integer.toUnsignedLong(order.getGoodTilBlockTime()))
                            .toString());
        }
        orders.put(indexerId, o);
        if (order.getTimeInForce() == Order.TimeInForce.TIME_IN_FORCE_IOC) {
            // The fake book always has liquidity at the IOC's limit: it fills completely as taker.
            recordFill(o, new BigDecimal(o.path("size").asText()), "TAKER");
        }
        return ok();
    }

    private JsonNode cancelOrder(MsgCancelOrder cancel) {
        OrderId id = cancel.getOrderId();
        String indexerId = DydxOrderIds.indexerOrderId(
                id.getSubaccountId().getOwner(),
                id.getSubaccountId().getNumber(),
                Integer.toUnsignedLong(id.getClientId()),
                id.getClobPairId(),
                id.getOrderFlags());
        ObjectNode order = orders.get(indexerId);
        if (order == null) {
            return checkTx(3006, "clob", "Stateful order to cancel does not exist");
        }
        order.put("status", id.getOrderFlags() == 0 ? "BEST_EFFORT_CANCELED" : "CANCELED");
        return ok();
    }

    private void recordFill(ObjectNode order, BigDecimal size, String liquidity) {
        BigDecimal total = new BigDecimal(order.path("totalFilled").asText()).add(size);
        BigDecimal orderSize = new BigDecimal(order.path("size").asText());
        if (total.compareTo(orderSize) > 0) {
            throw new IllegalArgumentException("order " + order.path("id").asText() + " has only " + orderSize);
        }
        order.put("totalFilled", total.toPlainString());
        if (total.compareTo(orderSize) == 0) {
            order.put("status", "FILLED");
        }
        now = now.plusSeconds(1);
        BigDecimal price = new BigDecimal(order.path("price").asText());
        ObjectNode fill = (ObjectNode) fixture("fill.json");
        fill.put("id", "f" + (nextFillId++) + "-" + order.path("id").asText().substring(0, 8))
                .put("side", order.path("side").asText())
                .put("liquidity", liquidity)
                .put("market", order.path("ticker").asText())
                .put("price", price.toPlainString())
                .put("size", size.toPlainString())
                .put(
                        "fee",
                        price.multiply(size)
                                .multiply(new BigDecimal("0.0002"))
                                .stripTrailingZeros()
                                .toPlainString())
                .put("createdAt", now.toString())
                .put("createdAtHeight", Long.toString(height))
                .put("orderId", order.path("id").asText());
        fills.add(fill);
        BigDecimal signed = "BUY".equals(order.path("side").asText()) ? size : size.negate();
        positions.merge(order.path("ticker").asText(), new BigDecimal[] {signed, price}, (old, add) ->
                new BigDecimal[] {old[0].add(add[0]), old[0].signum() == 0 ? add[1] : old[1]});
        ObjectNode ws = (ObjectNode) fixture("ws_subaccounts_fills.json");
        ws.put("id", address + "/0");
        ObjectNode wsFill = fill.deepCopy();
        wsFill.remove("market");
        wsFill.put("ticker", order.path("ticker").asText());
        ((ArrayNode) ws.path("contents").path("fills")).add(wsFill);
        push("v4_subaccounts", ws);
    }

    private void push(String channel, JsonNode message) {
        sockets.forEach((socket, channels) -> {
            if (channels.contains(channel)) {
                socket.send(message.toString());
            }
        });
    }

    private JsonNode marketOf(int clobPairId) {
        for (JsonNode m : markets.path("markets")) {
            if (m.path("clobPairId").asInt() == clobPairId) {
                return m;
            }
        }
        throw new IllegalArgumentException("no clob pair " + clobPairId);
    }

    private static JsonNode ok() {
        return checkTx(0, "", "[]");
    }

    private static JsonNode checkTx(int code, String codespace, String rawLog) {
        ObjectNode body = (ObjectNode) fixture(code == 0 ? "broadcast_ok.json" : "broadcast_checktx_error.json");
        ((ObjectNode) body.get("tx_response"))
                .put("code", code)
                .put("codespace", codespace)
                .put("raw_log", rawLog)
                .put("txhash", "0".repeat(64));
        return body;
    }

    /** The chain's check: r‖s over SHA-256(SignDoc), s in the lower half of the order. */
    private static boolean verify(byte[] publicKey, byte[] digest, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        if (s.compareTo(CURVE.getN().shiftRight(1)) > 0) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(CURVE.getCurve().decodePoint(publicKey), DOMAIN));
        return verifier.verifySignature(digest, r, s);
    }

    private static String addressOf(byte[] publicKey) {
        org.bouncycastle.crypto.digests.RIPEMD160Digest ripemd = new org.bouncycastle.crypto.digests.RIPEMD160Digest();
        byte[] sha = DydxWallet.sha256(publicKey);
        ripemd.update(sha, 0, sha.length);
        byte[] hash = new byte[20];
        ripemd.doFinal(hash, 0);
        return Bech32.encode("dydx", hash);
    }

    private static MockResponse json(JsonNode body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body.toString())
                .build();
    }

    // ------------------------------------------------------------------ WebSocket

    private synchronized MockResponse webSocket() {
        if (refuseWebSockets) {
            return new MockResponse.Builder().code(503).build();
        }
        return new MockResponse.Builder()
                .webSocketUpgrade(new ServerSocketListener())
                .build();
    }

    private final class ServerSocketListener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            synchronized (FakeDydx.this) {
                sockets.put(webSocket, new ArrayList<>());
            }
            webSocket.send(fixture("ws_connected.json").toString());
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
            String channel = message.path("channel").asText();
            synchronized (FakeDydx.this) {
                List<String> channels = sockets.get(webSocket);
                if (channels == null) {
                    return;
                }
                if ("subscribe".equals(message.path("type").asText())) {
                    channels.add(channel);
                    if ("v4_subaccounts".equals(channel)) {
                        ObjectNode subscribed = (ObjectNode) fixture("ws_subaccounts_subscribed.json");
                        subscribed.put("id", message.path("id").asText());
                        webSocket.send(subscribed.toString());
                    } else {
                        webSocket.send(JSON.createObjectNode()
                                .put("type", "subscribed")
                                .put("channel", channel)
                                .put("message_id", 1)
                                .set("contents", JSON.createObjectNode().putObject("markets"))
                                .toString());
                    }
                } else if ("unsubscribe".equals(message.path("type").asText())) {
                    channels.remove(channel);
                }
            }
            wsEvents.add(message.path("type").asText() + ":" + channel);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            synchronized (FakeDydx.this) {
                sockets.remove(webSocket);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            synchronized (FakeDydx.this) {
                sockets.remove(webSocket);
            }
            webSocket.close(1000, null);
        }
    }
}
