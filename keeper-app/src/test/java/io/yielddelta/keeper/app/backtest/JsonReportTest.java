package io.yielddelta.keeper.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonReportTest {

    @Test
    void writesEveryVaultWithItsKindAndTheStrategyMetricsAtTopLevel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("result.json");
        JsonReport.write(ReportFixtures.ninetyDaysOfEth(), out);
        JsonNode vaults = new ObjectMapper().readTree(Files.readString(out)).get("vaults");
        assertThat(vaults).hasSize(2);
        JsonNode first = vaults.get(0);
        assertThat(first.get("name").asText()).isEqualTo("eth-delta-neutral");
        assertThat(first.get("kind").asText()).isEqualTo("DELTA_NEUTRAL");
        for (String metric : new String[] {"netApyPct", "feeApyPct", "ilPct", "hedgePnlPct", "fundingPct", "tradingFeesPct",
                "gasPct", "deltaWithinBandPct", "hedgingCostApyPct", "ilReductionPct", "avgRebalanceSlippagePct",
                "maxRebalanceLagHours", "rebalances", "hedgeOrders"}) {
            assertThat(first.has(metric)).as(metric).isTrue();
        }
        assertThat(first.get("netApyPct").asDouble()).isEqualTo(8.5);
        assertThat(first.get("baselines").fieldNames()).toIterable().containsExactly("UNHEDGED", "HODL", "FULL_RANGE");
    }
}
