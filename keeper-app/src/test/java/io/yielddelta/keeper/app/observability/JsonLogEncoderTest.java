package io.yielddelta.keeper.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

class JsonLogEncoderTest {

    @Test
    void aLineIsOneJsonObjectWithTheKeyValuesAsFields() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent(
                "x",
                context.getLogger("io.yielddelta.keeper.core.cycle.KeeperCycle"),
                Level.INFO,
                "move to [1, 2]",
                new IllegalStateException("boom"),
                null);
        event.setTimeStamp(1_767_877_200_123L);
        event.setKeyValuePairs(List.of(
                new KeyValuePair("decision_id", "0xa1@2026-01-08T13:00:00Z"),
                new KeyValuePair("vault", "eth-usdc"),
                new KeyValuePair("tick", 201337),
                new KeyValuePair("dry_run", false),
                new KeyValuePair("message", "clash"),
                new KeyValuePair("triggers", List.of("OUT_OF_RANGE"))));

        byte[] line = new JsonLogEncoder().encode(event);

        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n").doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-01-08T13:00:00.123Z");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("logger").asText()).isEqualTo("io.yielddelta.keeper.core.cycle.KeeperCycle");
        assertThat(json.get("message").asText()).isEqualTo("move to [1, 2]");
        assertThat(json.get("decision_id").asText()).isEqualTo("0xa1@2026-01-08T13:00:00Z");
        assertThat(json.get("vault").asText()).isEqualTo("eth-usdc");
        assertThat(json.get("tick").isInt()).isTrue();
        assertThat(json.get("dry_run").isBoolean()).isTrue();
        assertThat(json.get("kv_message").asText()).isEqualTo("clash");
        assertThat(json.get("triggers").get(0).asText()).isEqualTo("OUT_OF_RANGE");
        assertThat(json.get("exception").asText()).contains("IllegalStateException: boom");
    }
}
