package io.yielddelta.keeper.app.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * The oracle's HTTP API bodies. A request is one JSON object: {@code chainId}, {@code deadline}, {@code tickLower},
 * {@code tickUpper} as numbers, {@code zeroForOne} a boolean, {@code vault} an address, and the uint256 fields
 * {@code swapAmountIn}, {@code swapAmountOutMin}, {@code amount0Min}, {@code amount1Min}, {@code nonce} as decimal
 * strings (JSON numbers lose precision in many clients).
 */
final class OracleJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private OracleJson() {}

    static ObjectNode toJson(RebalanceRequest r) {
        return MAPPER.createObjectNode()
                .put("chainId", r.chainId())
                .put("vault", r.vault())
                .put("tickLower", r.tickLower())
                .put("tickUpper", r.tickUpper())
                .put("zeroForOne", r.zeroForOne())
                .put("swapAmountIn", r.swapAmountIn().toString())
                .put("swapAmountOutMin", r.swapAmountOutMin().toString())
                .put("amount0Min", r.amount0Min().toString())
                .put("amount1Min", r.amount1Min().toString())
                .put("deadline", r.deadline())
                .put("nonce", r.nonce().toString());
    }

    /** @throws IllegalArgumentException naming the field that is missing or malformed */
    static RebalanceRequest request(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String vault = text(json, "vault");
        if (!vault.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("field vault: expected 0x and 40 hex digits");
        }
        return new RebalanceRequest(
                integer(json, "chainId"),
                vault,
                Math.toIntExact(integer(json, "tickLower")),
                Math.toIntExact(integer(json, "tickUpper")),
                bool(json, "zeroForOne"),
                uint(json, "swapAmountIn"),
                uint(json, "swapAmountOutMin"),
                uint(json, "amount0Min"),
                uint(json, "amount1Min"),
                integer(json, "deadline"),
                uint(json, "nonce"));
    }

    private static JsonNode field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("field " + name + ": missing");
        }
        return value;
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field " + name + ": expected a string");
        }
        return value.asText();
    }

    private static long integer(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("field " + name + ": expected an integer");
        }
        return value.asLong();
    }

    private static boolean bool(JsonNode json, String name) {
        JsonNode value = field(json, name);
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("field " + name + ": expected true or false");
        }
        return value.asBoolean();
    }

    private static BigInteger uint(JsonNode json, String name) {
        String value = text(json, name);
        if (!value.matches("[0-9]{1,78}")) {
            throw new IllegalArgumentException("field " + name + ": expected a decimal string of an unsigned integer");
        }
        BigInteger number = new BigInteger(value);
        if (number.bitLength() > 256) {
            throw new IllegalArgumentException("field " + name + ": more than 256 bits");
        }
        return number;
    }
}
