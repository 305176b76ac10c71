package io.yielddelta.keeper.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private final String html = HtmlReport.render(ReportFixtures.ninetyDaysOfEth());

    @Test
    void hasEverySectionForEveryVault() {
        for (String part : new String[] {"eth-delta-neutral", "eth-concentrated", "DELTA_NEUTRAL", "CONCENTRATED_LIQUIDITY",
                "Price and the vault's range", "Net delta", "Cumulative P&amp;L", "APY attribution", "same ranges, unhedged",
                "HODL", "full-range LP", "impermanent-loss reduction", "hedging cost", "rebalancing lag",
                "volume share of active liquidity"}) {
            assertThat(html.contains(part)).as("report contains '%s'", part).isTrue();
        }
    }

    @Test
    void hedgeTargetsAreJudgedOnlyForHedgedVaults() {
        String concentrated = html.substring(html.indexOf("eth-concentrated"));
        assertThat(concentrated.contains("hedging cost")).isFalse();
        assertThat(html.substring(html.indexOf("eth-delta-neutral"), html.indexOf("eth-concentrated")).contains("hedging cost")).isTrue();
    }

    @Test
    void marksPassAndFail() {
        // The fixture's net APY of 8.5 % passes the delta-neutral target (≥ 7 %) and fails the concentrated one (≥ 12 %).
        assertThat(html.contains("class=\"pass\">pass")).isTrue();
        assertThat(html.contains("class=\"fail\">fail")).isTrue();
    }

    @Test
    void isSelfContained() {
        for (String external : new String[] {"<script", "src=", "href=", "@import", "url("}) {
            assertThat(html.contains(external)).as("report refers to something outside: %s", external).isFalse();
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
