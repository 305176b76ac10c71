package io.yielddelta.keeper.ml.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.core.market.MarketDataException;
import io.yielddelta.keeper.core.observation.HourObservation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows rebuilt from small files written here: the fee yield, the funding offset trap and the gap fill. */
class MarketSeriesTest {
    private static final long JAN_1 = Instant.parse("2022-01-01T00:00:00Z").toEpochMilli();

    @Test
    void rowsUseOnlyWhatWasKnownAtTheEndOfEachHour(@TempDir Path dir) throws IOException {
        StringBuilder klines = new StringBuilder(
                "open_time_ms,open,high,low,close,volume,quote_volume,trades,taker_buy_base_volume\n");
        for (int h = 0; h < 72; h++) {
            if (h == 40) {
                continue; // an exchange outage: filled with a flat bar
            }
            double close = 100 + h;
            klines.append(JAN_1 + h * 3_600_000L)
                    .append(',')
                    .append(close - 0.5)
                    .append(',')
                    .append(close + 1)
                    .append(',')
                    .append(close - 1)
                    .append(',')
                    .append(close)
                    .append(',')
                    .append(10 + h % 5)
                    .append(",0,0,0\n");
        }
        Files.writeString(dir.resolve("k.csv"), klines);
        Files.writeString(dir.resolve("pool.csv"), """
                date,date_unix,volumeUSD,tvlUSD,token0Price,token1Price,open,high,low,close
                2021-12-31,0,1000,4000,0,100,0,0,0,0
                2022-01-01,0,2000,4000,0,121,0,0,0,0
                2022-01-02,0,3000,5000,0,144,0,0,0,0
                """);
        // Binance writes UTC+3: 03:00 local is the 00:00 UTC settlement
        Files.writeString(dir.resolve("funding.csv"), """
                Symbol,Date,Funding Rate
                ETH-USDT,2022-01-01 19:00:00.000,0.00008
                ETH-USDT,2022-01-02 03:00:00.000,0.00016
                ETH-USDT,2022-01-02 11:00:00.003,0.00024
                """);
        Files.writeString(
                dir.resolve("btc.csv"),
                "date,funding_mean,funding_abs\n2022-01-01,0.0008,0.0008\n2022-01-02,0.0016,0.0016\n2022-01-03,0.0024,0.0024\n");

        List<HourObservation> rows = MarketSeries.build(new MarketSeries.Spec(
                        "t",
                        "ETH",
                        dir.resolve("k.csv"),
                        dir.resolve("pool.csv"),
                        3000,
                        true,
                        true,
                        dir.resolve("funding.csv"),
                        dir.resolve("btc.csv")))
                .rows();

        // the first day has no complete previous day: the series starts on 2022-01-02 and the gap hour is filled
        assertThat(rows).hasSize(48);
        assertThat(rows.getFirst().hourEnd()).isEqualTo(Instant.parse("2022-01-02T01:00:00Z"));
        HourObservation filled = rows.get(40 - 24);
        assertThat(filled.markHigh()).isEqualTo(filled.markLow()).isEqualTo(139.0);
        assertThat(filled.feeYield()).isZero();

        // fee yield: tier × the previous day's pool turnover × this hour's share of the previous day's market volume
        double day1Volume = 0;
        for (int h = 0; h < 24; h++) {
            day1Volume += (10 + h % 5) * (100.0 + h);
        }
        HourObservation first = rows.getFirst();
        assertThat(first.feeYield())
                .isCloseTo(0.003 * (2000.0 / 4000) * (10 + 24 % 5) * 124.0 / day1Volume, within(1e-15));
        assertThat(first.activeLiquidity()).isCloseTo(4000 / (2 * 11.0), within(1e-9));

        // at 09:00 UTC the 08:00 UTC settlement (11:00 in the file) is known; read as UTC it would still be 03:00's
        assertThat(rows.get(8).hourEnd()).isEqualTo(Instant.parse("2022-01-02T09:00:00Z"));
        assertThat(rows.get(8).fundingRate()).isCloseTo(0.00024 / 8, within(1e-12));
        // after the file's last interval the previous day's BTC mean stands in
        assertThat(rows.getLast().fundingRate()).isCloseTo(0.0024 / 8, within(1e-12));
        assertThat(rows.getLast().tick()).isEqualTo((int) Math.round(Math.log(171) / Math.log(1.0001)));
    }

    @Test
    void aBadPoolRowIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("pool.csv"),
                "date,date_unix,volumeUSD,tvlUSD,token0Price,token1Price\n2022-01-01,0,10,0,0,100\n");
        assertThatThrownBy(() -> PoolDays.read(dir.resolve("pool.csv")))
                .isInstanceOf(MarketDataException.class)
                .hasMessageContaining("pool.csv:2")
                .hasMessageContaining("TVL");
    }
}
