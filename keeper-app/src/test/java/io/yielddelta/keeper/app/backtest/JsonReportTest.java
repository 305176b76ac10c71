package io.yielddelta.keeper.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {

    @Test
    void writesEveryVaultWithItsKindTheStrategyMetricsAtTopLevelAndTheirYears(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("result.json");
        JsonReport.write(ReportFixtures.ninetyDaysOfEth(1), out);
        JsonNode root = new ObjectMapper().readTree(Files.readString(out));
        JsonNode vaults = root.get("vaults");
        assertThat(vaults).hasSize(2);
        JsonNode first = vaults.get(0);
        assertThat(first.get("name").asText()).isEqualTo("eth-delta-neutral");
        assertThat(first.get("kind").asText()).isEqualTo("DELTA_NEUTRAL");
        // The fields the report always had, and the ones the issue named.
        for (String metric : new String[] {
            "netApyPct",
            "feeApyPct",
            "ilPct",
            "hedgePnlPct",
            "fundingPct",
            "tradingFeesPct",
            "gasPct",
            "deltaWithinBandPct",
            "hedgingCostApyPct",
            "ilReductionPct",
            "avgRebalanceSlippagePct",
            "maxRebalanceLagHours",
            "rebalances",
            "hedgeOrders",
            "lvrApyPct",
            "edgeApyPct",
            "excessVsHodlApyPct",
            "fundingApyPct",
            "hedgeCollateralUsd",
            "deltaP99Pct",
            "hoursOverBandPct",
            "slippageP95Pct",
            "years",
            "netApyCi90"
        }) {
            assertThat(first.has(metric)).as(metric).isTrue();
        }
        assertThat(first.get("netApyPct").asDouble()).isEqualTo(8.5);
        assertThat(first.get("netApyCi90").get(0).asDouble()).isEqualTo(-12.0);
        assertThat(first.get("netApyCi90").get(1).asDouble()).isEqualTo(30.0);
        assertThat(first.get("years").get(0).get("year").asInt()).isEqualTo(2022);
        assertThat(first.get("years").get(0).has("netApyCi90")).isFalse();
        assertThat(first.get("attributionUsd").get("fees").asDouble()).isEqualTo(3000);
        assertThat(first.has("sd")).isFalse();
        assertThat(first.get("baselines").fieldNames()).toIterable().containsExactly("UNHEDGED", "HODL", "FULL_RANGE");
        assertThat(root.get("gaps").get(0).get("hours").asInt()).isEqualTo(4);
        assertThat(root.get("fundingFallbacks").get(0).get("venue").asText()).isEqualTo("hyperliquid");
        assertThat(root.get("seeds").asInt()).isEqualTo(1);
    }

    @Test
    void severalSeedsAddTheSpread(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("seeds.json");
        JsonReport.write(ReportFixtures.ninetyDaysOfEth(3), out);
        JsonNode root = new ObjectMapper().readTree(Files.readString(out));
        assertThat(root.get("seeds").asInt()).isEqualTo(3);
        assertThat(root.get("vaults").get(0).get("sd").get("netApyPct").asDouble())
                .isEqualTo(0.85);
    }
}
