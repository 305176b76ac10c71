package io.yielddelta.keeper.venues.dydx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.MessageLite;
import io.yielddelta.keeper.venues.dydx.proto.Coin;
import io.yielddelta.keeper.venues.dydx.proto.MsgCancelOrder;
import io.yielddelta.keeper.venues.dydx.proto.MsgPlaceOrder;
import io.yielddelta.keeper.venues.dydx.proto.Order;
import io.yielddelta.keeper.venues.dydx.proto.OrderId;
import io.yielddelta.keeper.venues.dydx.proto.SubaccountId;
import io.yielddelta.keeper.venues.dydx.vectors.MsgCreateTransfer;
import io.yielddelta.keeper.venues.dydx.vectors.MsgDepositToSubaccount;
import io.yielddelta.keeper.venues.dydx.vectors.MsgSend;
import io.yielddelta.keeper.venues.dydx.vectors.MsgWithdrawFromSubaccount;
import io.yielddelta.keeper.venues.dydx.vectors.Transfer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every official dYdX v4 vector in {@code shared/vectors/dydx.json} reproduced: message bytes from the generated
 * classes of the project's own .proto files, mnemonic → key → address, quantums/subticks, clientIdFromString and the
 * onboarding key. (The SerializableInt and USDC-quantum vectors are about megavault shares and transfers, which the
 * keeper does not send; they are not reproduced.)
 */
class DydxVectorsTest {

    private static final HexFormat HEX = HexFormat.of();

    static Stream<JsonNode> protobufCases() {
        return StreamSupport.stream(
                DydxVectors.ROOT.path("protobufSerialization").path("cases").spliterator(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protobufCases")
    void messageBytesMatchTheClients(JsonNode vector) {
        JsonNode f = vector.path("fields");
        MessageLite message = switch (vector.path("name").asText()) {
            case "SERIALIZED_PLACE_ORDER" -> {
                JsonNode o = f.path("order");
                yield MsgPlaceOrder.newBuilder()
                        .setOrder(Order.newBuilder()
                                .setOrderId(orderId(o.path("order_id")))
                                .setSideValue(enumNumber(o.path("side")))
                                .setQuantums(o.path("quantums").asLong())
                                .setSubticks(o.path("subticks").asLong())
                                .setGoodTilBlockTime(
                                        (int) o.path("good_til_block_time").asLong())
                                .setTimeInForceValue(enumNumber(o.path("time_in_force")))
                                .setReduceOnly(o.path("reduce_only").asBoolean())
                                .setClientMetadata(o.path("client_metadata").asInt()))
                        .build();
            }
            case "SERIALIZED_CANCEL_ORDER" ->
                MsgCancelOrder.newBuilder()
                        .setOrderId(orderId(f.path("order_id")))
                        .setGoodTilBlockTime((int) f.path("good_til_block_time").asLong())
                        .build();
            case "SERIALIZED_DEPOSIT" ->
                MsgDepositToSubaccount.newBuilder()
                        .setSender(f.path("sender").asText())
                        .setRecipient(subaccount(f.path("recipient")))
                        .setAssetId(f.path("asset_id").asInt())
                        .setQuantums(f.path("quantums").asLong())
                        .build();
            case "SERIALIZED_WITHDRAW" ->
                MsgWithdrawFromSubaccount.newBuilder()
                        .setSender(subaccount(f.path("sender")))
                        .setRecipient(f.path("recipient").asText())
                        .setAssetId(f.path("asset_id").asInt())
                        .setQuantums(f.path("quantums").asLong())
                        .build();
            case "SERIALIZED_SEND_TOKEN" -> {
                MsgSend.Builder send = MsgSend.newBuilder()
                        .setFromAddress(f.path("from_address").asText())
                        .setToAddress(f.path("to_address").asText());
                f.path("amount")
                        .forEach(c -> send.addAmount(Coin.newBuilder()
                                .setDenom(c.path("denom").asText())
                                .setAmount(c.path("amount").asText())));
                yield send.build();
            }
            case "SERIALIZED_TRANSFER" -> {
                JsonNode t = f.path("transfer");
                yield MsgCreateTransfer.newBuilder()
                        .setTransfer(Transfer.newBuilder()
                                .setSender(subaccount(t.path("sender")))
                                .setRecipient(subaccount(t.path("recipient")))
                                .setAssetId(t.path("asset_id").asInt())
                                .setAmount(t.path("amount").asLong()))
                        .build();
            }
            default -> throw new IllegalArgumentException("unexpected vector " + vector.path("name"));
        };
        assertEquals(vector.path("expectedHex").asText(), HEX.formatHex(message.toByteArray()));
    }

    @Test
    void theSignersOrderHasTheVectorsBytesForTheSameFields() {
        // The place-order vector: BUY 10,000,000 quantums at 40,000,000,000 subticks, long-term, good till 1717148681,
        // on clob pair 0 of KEY_1's subaccount 0. A market with atomicResolution −10 and a price exponent of 6 maps
        // size 0.001 and price 40000 onto exactly those integers.
        DydxWallet wallet = DydxWallet.fromMnemonic(
                DydxVectors.key("KEY_1").path("mnemonic").asText());
        DydxOrderSigner signer = new DydxOrderSigner(wallet, "dydx-testnet-4", 0, "adv4tnt", BigInteger.ZERO, 0);
        DydxMarket market =
                new DydxMarket("BTC", "BTC-USD", 0, new DydxQuantizer(-10, -10, 1_000_000, 1), BigDecimal.ONE);
        var request = new io.yielddelta.keeper.core.venue.OrderRequest(
                "BTC",
                io.yielddelta.keeper.core.venue.Side.BUY,
                new BigDecimal("0.001"),
                new BigDecimal("40000"),
                io.yielddelta.keeper.core.venue.OrderType.LIMIT_GTC,
                false,
                io.yielddelta.keeper.core.venue.ClientOrderId.of("vector"));
        Order order = signer.order(request, market, request.limitPrice(), 0, 1717148681L);
        // The vector's client id is 0 and the Python helper forces client_metadata 2: set those two, the rest is ours.
        Order asInVector = order.toBuilder()
                .setOrderId(order.getOrderId().toBuilder().setClientId(0))
                .setClientMetadata(2)
                .build();
        JsonNode vector = protobufCases()
                .filter(v -> v.path("name").asText().equals("SERIALIZED_PLACE_ORDER"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                vector.path("expectedHex").asText(),
                HEX.formatHex(
                        MsgPlaceOrder.newBuilder().setOrder(asInVector).build().toByteArray()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keySets")
    void mnemonicGivesTheKeyAndAddress(String name) {
        JsonNode key = DydxVectors.key(name);
        DydxWallet wallet = DydxWallet.fromMnemonic(key.path("mnemonic").asText());
        assertEquals(key.path("address").asText(), wallet.address());
        String privateKey = key.has("privateKey")
                ? key.path("privateKey").asText()
                : key.path("intermediate").path("privateKey").asText();
        assertEquals(privateKey, HEX.formatHex(wallet.privateKeyBytes()));
        if (key.has("publicKeyCompressed")) {
            assertEquals(key.path("publicKeyCompressed").asText(), HEX.formatHex(wallet.publicKey()));
        }
        DydxWallet fromPrivate = DydxWallet.fromPrivateKey(HEX.parseHex(privateKey));
        assertEquals(key.path("address").asText(), fromPrivate.address());
        assertArrayEquals(wallet.publicKey(), fromPrivate.publicKey());
    }

    static Stream<String> keySets() {
        return StreamSupport.stream(DydxVectors.ROOT.path("keys").spliterator(), false)
                .map(k -> k.path("name").asText());
    }

    @Test
    void addressDecodesBackToItsKeyHash() {
        JsonNode key = DydxVectors.key("KEY_3");
        byte[] hash = Bech32.decode("dydx", key.path("address").asText());
        assertEquals(key.path("address").asText(), Bech32.encode("dydx", hash));
        assertThrows(
                IllegalArgumentException.class,
                () -> Bech32.decode("dydx", key.path("address").asText().replace('w', 'q')));
    }

    static Stream<JsonNode> quantizeCases() {
        return StreamSupport.stream(
                DydxVectors.ROOT.path("quantumsSubticks").path("cases").spliterator(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantizeCases")
    void quantumsAndSubticksMatchTheClients(JsonNode vector) {
        String name = vector.path("name").asText();
        String expected = vector.path("expected").asText();
        if (name.startsWith("js_")) {
            JsonNode in = vector.path("inputs");
            if (in.has("price")) {
                DydxQuantizer q = new DydxQuantizer(
                        in.path("atomicResolution").asInt(),
                        in.path("quantumConversionExponent").asInt(),
                        1,
                        in.path("subticksPerTick").asLong());
                assertEquals(
                        new BigInteger(expected),
                        q.subticksNoWorseThan(new BigDecimal(in.path("price").asText()), true));
                assertEquals(
                        new BigInteger(expected),
                        q.subticksNoWorseThan(new BigDecimal(in.path("price").asText()), false));
            } else {
                DydxQuantizer q = new DydxQuantizer(
                        in.path("atomicResolution").asInt(),
                        0,
                        in.path("stepBaseQuantums").asLong(),
                        1);
                assertEquals(
                        new BigInteger(expected),
                        q.quantumsAtMost(new BigDecimal(in.path("size").asText())));
            }
            return;
        }
        JsonNode m = vector.path("market");
        DydxQuantizer q = new DydxQuantizer(
                m.path("atomicResolution").asInt(),
                m.path("quantumConversionExponent").asInt(),
                m.path("stepBaseQuantums").asLong(),
                m.path("subticksPerTick").asLong());
        String input = vector.path("input").asText();
        switch (vector.path("function").asText()) {
            case "quantize_quantity" -> assertEquals(new BigInteger(expected), q.quantumsAtMost(new BigDecimal(input)));
            case "quantize_price" -> {
                assertEquals(new BigInteger(expected), q.subticksNoWorseThan(new BigDecimal(input), true));
                assertEquals(new BigInteger(expected), q.subticksNoWorseThan(new BigDecimal(input), false));
            }
            case "dequantize_quantums" ->
                assertEquals(0, new BigDecimal(expected).compareTo(q.size(new BigInteger(input))));
            case "dequantize_subticks" ->
                assertEquals(0, new BigDecimal(expected).compareTo(q.price(new BigInteger(input))));
            default -> throw new IllegalArgumentException("unexpected function in " + name);
        }
    }

    @Test
    void clientIdFromStringMatchesTheJsClient() {
        for (JsonNode c : DydxVectors.ROOT.path("clientIdFromString").path("cases")) {
            assertEquals(
                    c.path("expected").asLong(),
                    DydxOrderIds.clientIdFromString(c.path("input").asText()));
        }
        assertEquals(0, DydxOrderIds.clientIdFromString(""));
    }

    @Test
    void onboardingKeyFromAnEthereumSignature() {
        for (JsonNode c : DydxVectors.ROOT.path("onboarding").path("cases")) {
            byte[] signature = HEX.parseHex(c.path("signature").asText().substring(2));
            assertEquals(c.path("mnemonic").asText(), DydxWallet.mnemonicFromEthereumSignature(signature));
            for (JsonNode v : c.path("vByteVariants").path("replaceLastByteWith")) {
                byte[] variant = signature.clone();
                variant[64] = HEX.parseHex(v.asText())[0];
                DydxWallet wallet = DydxWallet.fromEthereumSignature(variant);
                assertEquals(c.path("privateKeyHex").asText(), HEX.formatHex(wallet.privateKeyBytes()));
                assertEquals(c.path("publicKeyCompressedHex").asText(), HEX.formatHex(wallet.publicKey()));
                assertEquals(
                        DydxWallet.fromMnemonic(c.path("mnemonic").asText()).address(), wallet.address());
            }
            String invalid = c.path("invalidSignatureExample").path("input").asText();
            assertThrows(
                    IllegalArgumentException.class,
                    () -> DydxWallet.fromEthereumSignature(HEX.parseHex(invalid.substring(2))));
        }
    }

    private static OrderId orderId(JsonNode id) {
        return OrderId.newBuilder()
                .setSubaccountId(subaccount(id.path("subaccount_id")))
                .setClientId((int) id.path("client_id").asLong())
                .setOrderFlags(id.path("order_flags").asInt())
                .setClobPairId(id.path("clob_pair_id").asInt())
                .build();
    }

    private static SubaccountId subaccount(JsonNode s) {
        return SubaccountId.newBuilder()
                .setOwner(s.path("owner").asText())
                .setNumber(s.path("number").asInt())
                .build();
    }

    /** "SIDE_BUY (1)" → 1 */
    private static int enumNumber(JsonNode value) {
        String text = value.asText();
        return Integer.parseInt(text.substring(text.indexOf('(') + 1, text.indexOf(')')));
    }
}
