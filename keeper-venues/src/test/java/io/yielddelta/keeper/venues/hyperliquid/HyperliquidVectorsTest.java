package io.yielddelta.keeper.venues.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidSigner.TypedField;
import io.yielddelta.keeper.venues.hyperliquid.dto.LimitOrderType;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderAction;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderTypeWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.TriggerOrderType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every official Hyperliquid vector in {@code shared/vectors/hyperliquid.json}, reproduced. */
class HyperliquidVectorsTest {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static JsonNode vectors;

    @BeforeAll
    static void load() throws IOException {
        vectors = JSON.readTree(SharedVectors.file("hyperliquid.json").toFile());
        assertThat(vectors.path("l1ActionCases"))
                .hasSize(vectors.path("counts").path("l1ActionCases").asInt());
    }

    @TestFactory
    Stream<DynamicTest> l1ActionSignatures() {
        return stream(vectors.path("l1ActionCases"))
                .map(c -> DynamicTest.dynamicTest(c.path("name").asText(), () -> {
                    Object action = actionAsMaps(c.path("action"));
                    JsonNode intermediate = c.path("intermediate");
                    String vault = c.path("vaultAddress").isNull()
                            ? null
                            : c.path("vaultAddress").asText();
                    Long expiresAfter = c.path("expiresAfter").isNull()
                            ? null
                            : c.path("expiresAfter").asLong();
                    long nonce = c.path("nonce").asLong();
                    boolean mainnet = c.path("network").asText().equals("mainnet");

                    byte[] packed = MsgPackWriter.pack(action);
                    assertThat(hex(packed))
                            .isEqualTo(intermediate.path("msgpackHex").asText());
                    byte[] connectionId = HyperliquidSigner.connectionId(packed, nonce, vault, expiresAfter);
                    assertThat("0x" + hex(connectionId))
                            .isEqualTo(intermediate.path("connectionId").asText());
                    byte[] digest = HyperliquidSigner.l1Digest(connectionId, mainnet);
                    assertThat("0x" + hex(digest))
                            .isEqualTo(intermediate.path("digest").asText());

                    HyperliquidSigner signer = HyperliquidSigner.fromPrivateKey(
                            c.path("privateKey").asText());
                    EcdsaSignature signature = signer.signL1Action(action, vault, nonce, expiresAfter, mainnet);
                    assertMatches(signature, c.path("expected"));
                    assertThat(HyperliquidSigner.recoverAddress(digest, signature))
                            .isEqualTo(vectors.path("signer").path("address").asText());
                }));
    }

    /** The typed DTOs the venue sends hash to the same bytes as the SDK's order actions. */
    @TestFactory
    Stream<DynamicTest> typedOrderActionsPackLikeTheSdk() {
        return stream(vectors.path("l1ActionCases"))
                .filter(c -> c.path("action").path("type").asText().equals("order"))
                .map(c -> DynamicTest.dynamicTest(c.path("name").asText(), () -> {
                    OrderAction typed = typedOrder(c.path("sdkInput"));
                    assertThat(hex(MsgPackWriter.pack(typed)))
                            .isEqualTo(c.path("intermediate").path("msgpackHex").asText());
                    assertThat(JSON.writeValueAsString(typed)).isEqualTo(JSON.writeValueAsString(c.path("action")));
                    HyperliquidSigner signer = HyperliquidSigner.fromPrivateKey(
                            c.path("privateKey").asText());
                    assertMatches(
                            signer.signL1Action(
                                    typed,
                                    null,
                                    c.path("nonce").asLong(),
                                    null,
                                    c.path("network").asText().equals("mainnet")),
                            c.path("expected"));
                }));
    }

    @Test
    void phantomAgentConnectionId() {
        for (JsonNode c : vectors.path("connectionIdCases")) {
            OrderAction typed = typedOrder(c.path("sdkInput"));
            byte[] packed = MsgPackWriter.pack(typed);
            assertThat(hex(packed))
                    .isEqualTo(c.path("intermediate").path("msgpackHex").asText());
            assertThat(hex(MsgPackWriter.pack(actionAsMaps(c.path("action"))))).isEqualTo(hex(packed));
            byte[] connectionId =
                    HyperliquidSigner.connectionId(packed, c.path("nonce").asLong(), null, null);
            assertThat("0x" + hex(connectionId))
                    .isEqualTo(c.path("expected").path("connectionId").asText());
        }
    }

    @TestFactory
    Stream<DynamicTest> userSignedActions() {
        return stream(vectors.path("userSignedCases"))
                .map(c -> DynamicTest.dynamicTest(c.path("name").asText(), () -> {
                    List<TypedField> fields = new ArrayList<>();
                    c.path("types")
                            .forEach(t -> fields.add(new TypedField(
                                    t.path("name").asText(), t.path("type").asText())));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> message = (Map<String, Object>) actionAsMaps(c.path("message"));
                    BigInteger chainId = new BigInteger(
                            message.get("signatureChainId").toString().substring(2), 16);
                    assertThat(chainId.longValue())
                            .isEqualTo(c.path("domain").path("chainId").asLong());

                    byte[] digest = HyperliquidSigner.userSignedDigest(
                            c.path("primaryType").asText(), fields, message, chainId);
                    assertThat("0x" + hex(digest))
                            .isEqualTo(c.path("intermediate").path("digest").asText());
                    HyperliquidSigner signer = HyperliquidSigner.fromPrivateKey(
                            c.path("privateKey").asText());
                    assertMatches(
                            signer.signUserAction(c.path("primaryType").asText(), fields, message, chainId),
                            c.path("expected"));
                }));
    }

    @Test
    void domainSeparators() {
        JsonNode eip712 = vectors.path("eip712");
        assertThat("0x" + hex(HyperliquidSigner.domainSeparator("Exchange", "1", BigInteger.valueOf(1337))))
                .isEqualTo(eip712.path("l1").path("domainSeparator").asText());
        assertThat("0x"
                        + hex(HyperliquidSigner.domainSeparator(
                                "HyperliquidSignTransaction", "1", BigInteger.valueOf(421614))))
                .isEqualTo(eip712.path("userSigned").path("domainSeparator").asText());
    }

    @Test
    void floatToIntForHashing() {
        JsonNode cases = vectors.path("floatToIntForHashingCases").path("cases");
        assertThat(cases)
                .hasSize(
                        vectors.path("counts").path("floatToIntForHashingCases").asInt());
        for (JsonNode c : cases) {
            BigDecimal input = new BigDecimal(c.path("input").asText());
            if (c.has("expectedError")) {
                assertThatThrownBy(() -> HyperliquidNumbers.toIntForHashing(input))
                        .isInstanceOf(IllegalArgumentException.class);
            } else {
                assertThat(HyperliquidNumbers.toIntForHashing(input))
                        .isEqualTo(new BigInteger(c.path("expected").asText()));
            }
        }
    }

    /** The dummy actions' num is float_to_int_for_hashing(1000). */
    @Test
    void dummyActionsScaleTheirNumber() {
        stream(vectors.path("l1ActionCases"))
                .filter(c -> c.path("action").path("type").asText().equals("dummy"))
                .forEach(c -> assertThat(HyperliquidNumbers.toIntForHashing(new BigDecimal(
                                c.path("sdkInput").path("numBeforeScaling").asText())))
                        .isEqualTo(new BigInteger(c.path("action").path("num").asText())));
    }

    @Test
    void signerAddressAndSecrecy() {
        HyperliquidSigner signer = HyperliquidSigner.fromPrivateKey(
                vectors.path("signer").path("privateKey").asText());
        assertThat(signer.address())
                .isEqualTo(vectors.path("signer").path("address").asText());
        assertThat(signer.toString())
                .doesNotContain("0123456789012345678901234567890123456789012345678901234567890123");
        String malformed = "0x012345678901234567890123456789012345678901234567890123456789012z";
        assertThatThrownBy(() -> HyperliquidSigner.fromPrivateKey(malformed))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e.getCause())
                        .doesNotContain(malformed.substring(2, 20)));
    }

    /** The SDK's order_request_to_order_wire, from the test's order request (numbers through float_to_wire). */
    private static OrderAction typedOrder(JsonNode sdkInput) {
        JsonNode o = sdkInput.path("orderRequest");
        JsonNode type = o.path("order_type");
        OrderTypeWire t = type.has("limit")
                ? new OrderTypeWire(
                        new LimitOrderType(type.path("limit").path("tif").asText()), null)
                : new OrderTypeWire(
                        null,
                        new TriggerOrderType(
                                type.path("trigger").path("isMarket").asBoolean(),
                                HyperliquidNumbers.toWire(
                                        type.path("trigger").path("triggerPx").decimalValue()),
                                type.path("trigger").path("tpsl").asText()));
        OrderWire wire = new OrderWire(
                sdkInput.path("asset").asInt(),
                o.path("is_buy").asBoolean(),
                HyperliquidNumbers.toWire(o.path("limit_px").decimalValue()),
                HyperliquidNumbers.toWire(o.path("sz").decimalValue()),
                o.path("reduce_only").asBoolean(),
                t,
                o.path("cloid").isNull() ? null : o.path("cloid").asText());
        return new OrderAction("order", List.of(wire), sdkInput.path("grouping").asText());
    }

    /** JSON as ordered maps and lists, integers as Integer/Long/BigInteger: exactly the SDK's dict. */
    private static Object actionAsMaps(JsonNode node) {
        return JSON.convertValue(node, Object.class);
    }

    private static void assertMatches(EcdsaSignature signature, JsonNode expected) {
        assertThat(signature.r())
                .isEqualTo(new BigInteger(expected.path("r").asText().substring(2), 16));
        assertThat(signature.s())
                .isEqualTo(new BigInteger(expected.path("s").asText().substring(2), 16));
        assertThat(signature.v()).isEqualTo(expected.path("v").asInt());
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
