package io.yielddelta.keeper.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private final String html = HtmlReport.render(ReportFixtures.ninetyDaysOfEth(1));

    @Test
    void hasEverySectionForEveryVault() {
        for (String part : new String[] {
            "eth-delta-neutral",
            "eth-concentrated",
            "DELTA_NEUTRAL",
            "CONCENTRATED_LIQUIDITY",
            "Price and the vault's range",
            "Net delta",
            "Cumulative P&amp;L",
            "APY attribution",
            "same ranges, unhedged",
            "HODL",
            "full-range LP",
            "impermanent-loss reduction",
            "hedging cost",
            "rebalancing lag",
            "volume share of active liquidity",
            "LVR",
            "edge",
            "excess vs HODL",
            "direction vs HODL",
            "funding received",
            "hedge collateral",
            "|delta| p99",
            "hours over the band",
            "cost per swapped notional, p95",
            "per calendar year",
            "[-12.00, 30.00]",
            "Cumulative over the run",
            "2022-02-01T05:00:00Z",
            "hyperliquid",
            "744"
        }) {
            assertThat(html.contains(part)).as("report contains '%s'", part).isTrue();
        }
    }

    @Test
    void theAttributionTableIsAnnualisedOnlyAndCumulativeFiguresHaveTheirOwn() {
        String section = html.substring(html.indexOf("eth-delta-neutral"), html.indexOf("eth-concentrated"));
        String attribution = section.substring(section.indexOf("APY attribution"), section.indexOf("Hedge and delta"));
        assertThat(attribution).doesNotContain("impermanent loss (", "price exposure (HODL)");
        String cumulative = section.substring(section.indexOf("Cumulative over the run"));
        assertThat(cumulative)
                .contains("impermanent loss (", "price exposure (HODL)")
                .doesNotContain("APY");
    }

    @Test
    void severalSeedsShowTheirSpreadBesideTheStrategy() {
        String seeded = HtmlReport.render(ReportFixtures.ninetyDaysOfEth(3));
        assertThat(seeded).contains("3 seeds of the price path", "<th>± sd</th>");
        assertThat(html).doesNotContain("± sd");
    }

    @Test
    void hedgeTargetsAreJudgedOnlyForHedgedVaults() {
        String target = "&lt; 2 % APY";
        String concentrated = html.substring(html.indexOf("eth-concentrated"));
        assertThat(concentrated.contains(target)).isFalse();
        assertThat(html.substring(html.indexOf("eth-delta-neutral"), html.indexOf("eth-concentrated"))
                        .contains(target))
                .isTrue();
    }

    @Test
    void marksPassAndFail() {
        // The fixture's net APY of 8.5 % passes the delta-neutral target (≥ 7 %) and fails the concentrated one (≥ 12
        // %).
        assertThat(html.contains("class=\"pass\">pass")).isTrue();
        assertThat(html.contains("class=\"fail\">fail")).isTrue();
    }

    @Test
    void isSelfContained() {
        for (String external : new String[] {"<script", "src=", "href=", "@import", "url("}) {
            assertThat(html.contains(external))
                    .as("report refers to something outside: %s", external)
                    .isFalse();
        }
    }

    @Test
    void thinsLongSeriesToABoundedNumberOfPoints() {
        Matcher paths = Pattern.compile("<path d=\"([^\"]*)\" fill=\"none\"").matcher(html);
        int count = 0;
        while (paths.find()) {
            count++;
            assertThat(paths.group(1).chars().filter(c -> c == 'L').count()).isLessThanOrEqualTo(SvgChart.MAX_POINTS);
        }
        assertThat(count).isGreaterThanOrEqualTo(2 * 8);
    }
}
