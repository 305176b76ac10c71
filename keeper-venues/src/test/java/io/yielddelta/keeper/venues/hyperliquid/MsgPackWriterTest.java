package io.yielddelta.keeper.venues.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MsgPackWriterTest {

    @Test
    void integersUseTheSmallestEncoding() {
        assertThat(hex(0)).isEqualTo("00");
        assertThat(hex(127)).isEqualTo("7f");
        assertThat(hex(128)).isEqualTo("cc80");
        assertThat(hex(255)).isEqualTo("ccff");
        assertThat(hex(256)).isEqualTo("cd0100");
        assertThat(hex(65536)).isEqualTo("ce00010000");
        assertThat(hex(123456789)).isEqualTo("ce075bcd15");
        assertThat(hex(100000000000L)).isEqualTo("cf000000174876e800");
        assertThat(hex(new BigInteger("12312312312300000000")))
                .isEqualTo("cfaade0c8a5ac75000".substring(0, 2)
                        + String.format("%016x", new BigInteger("12312312312300000000")));
        assertThat(hex(-1)).isEqualTo("ff");
        assertThat(hex(-32)).isEqualTo("e0");
        assertThat(hex(-33)).isEqualTo("d0df");
        assertThat(hex(-129)).isEqualTo("d1ff7f");
        assertThat(hex(Long.MIN_VALUE)).isEqualTo("d38000000000000000");
    }

    @Test
    void stringsUseFixstrThenStr8() {
        assertThat(hex("")).isEqualTo("a0");
        assertThat(hex("a".repeat(31))).startsWith("bf");
        assertThat(hex("0x00000000000000000000000000000001")).startsWith("d922");
        assertThat(hex("a".repeat(256))).startsWith("da0100");
    }

    @Test
    void mapsKeepInsertionOrderAndRecordsTheirComponentOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", true);
        map.put("a", false);
        map.put("n", null);
        assertThat(hex(map)).isEqualTo("83a17ac3a161c2a16ec0");
        record Pair(String b, Integer a, String absent) {}
        assertThat(MsgPackWriter.pack(new Pair("x", 1, null)))
                .isEqualTo(HexFormat.of().parseHex("82a162a178a16101"));
        assertThat(hex(List.of(1, 2))).isEqualTo("920102");
        assertThat(hex(java.util.Collections.nCopies(16, 0))).startsWith("dc0010");
    }

    @Test
    void floatsAreRefused() {
        assertThatThrownBy(() -> MsgPackWriter.pack(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String hex(Object value) {
        return HexFormat.of().formatHex(MsgPackWriter.pack(value));
    }
}
