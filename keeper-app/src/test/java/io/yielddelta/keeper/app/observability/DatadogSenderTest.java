package io.yielddelta.keeper.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.datadog.DatadogMeterRegistry;
import org.junit.jupiter.api.Test;

/** Micrometer's Datadog registry through the keeper's sender, against a local endpoint shaped as Datadog's API. */
class DatadogSenderTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void theSeriesArriveWithTheKeyInAHeaderAndNotInTheUrl() throws Exception {
        try (LocalCollectors.Datadog datadog = new LocalCollectors.Datadog()) {
            DatadogMeterRegistry registry = DatadogMeterRegistry.builder(Monitoring.datadogConfig(KEY, datadog.url()))
                    .clock(Clock.SYSTEM)
                    .httpClient(new DatadogSender(java.time.Duration.ofSeconds(5)))
                    .build();
            registry.config().commonTags("instance", "keeper-a");
            Counter.builder("keeper.decisions")
                    .tag("vault", "eth-usdc")
                    .register(registry)
                    .increment(3);
            Gauge.builder("process.cpu.usage", () -> Double.NaN).register(registry);

            registry.close();

            assertThat(datadog.rejected).isEmpty();
            assertThat(datadog.posts).hasSize(1);
            assertThat(datadog.series()).hasSize(1);
            assertThat(datadog.posts.getFirst().apiKeyHeader()).isEqualTo(KEY);
            assertThat(datadog.posts.getFirst().query()).isNull();
            JsonNode series = datadog.series().getFirst();
            assertThat(series.path("metric").asText()).isEqualTo("keeper.decisions");
            assertThat(series.path("type").asText()).isEqualTo("count");
            assertThat(series.path("host").asText()).isEqualTo("keeper-a");
            assertThat(series.path("tags").toString()).contains("vault:eth-usdc");
            assertThat(series.at("/points/0/1").asDouble()).isEqualTo(3.0);
        }
    }

    @Test
    void aSiteNameBecomesItsApiUrlAndAFullUrlIsKept() {
        assertThat(Monitoring.datadogConfig(KEY, "datadoghq.eu").uri()).isEqualTo("https://api.datadoghq.eu");
        assertThat(Monitoring.datadogConfig(KEY, "http://127.0.0.1:9/").uri()).isEqualTo("http://127.0.0.1:9");
    }
}
