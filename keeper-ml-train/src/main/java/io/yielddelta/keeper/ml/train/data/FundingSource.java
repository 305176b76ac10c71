package io.yielddelta.keeper.ml.train.data;

import io.yielddelta.keeper.core.market.FundingHistory;
import io.yielddelta.keeper.core.market.MarketDataException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funding rate per hour a keeper would know at the end of an hour, with no look-ahead: the asset's own
 * 8-hourly settled rate from a Binance export (local times UTC+3, as the exporter writes them) where the file covers
 * it — the rate of the interval that ended at least one interval ago — otherwise the mean Binance BTC rate of the last
 * complete UTC day (a market-wide proxy that covers 2019–2024 and every asset).
 */
public final class FundingSource {
    /** The Binance exporter writes local times at UTC+3 (see ../shared/data/SOURCES.md). */
    public static final int BINANCE_UTC_OFFSET_HOURS = 3;

    private static final int BINANCE_INTERVAL_HOURS = 8;

    private final FundingHistory own;
    private final Map<LocalDate, Double> btcDailyMean;

    private FundingSource(FundingHistory own, Map<LocalDate, Double> btcDailyMean) {
        this.own = own;
        this.btcDailyMean = btcDailyMean;
    }

    /** @param ownBinance8h the asset's Binance funding export, or null when there is none */
    public static FundingSource of(Path ownBinance8h, Path btcDailyMeanFile) {
        FundingHistory own = ownBinance8h == null
                ? null
                : FundingHistory.read(ownBinance8h, BINANCE_INTERVAL_HOURS, BINANCE_UTC_OFFSET_HOURS);
        return new FundingSource(own, readDailyMean(btcDailyMeanFile));
    }

    /** Whether the rate at {@code hourEnd} is the asset's own (true) or the BTC daily proxy (false). */
    public boolean ownAt(Instant hourEnd) {
        return own != null && own.hourlyRate(hourEnd.minus(Duration.ofHours(BINANCE_INTERVAL_HOURS))) != null;
    }

    /** The rate per hour known at {@code hourEnd}; NaN when neither source covers it. */
    public double ratePerHour(Instant hourEnd) {
        if (ownAt(hourEnd)) {
            return own.hourlyRate(hourEnd.minus(Duration.ofHours(BINANCE_INTERVAL_HOURS)))
                    .doubleValue();
        }
        Double daily =
                btcDailyMean.get(LocalDate.ofInstant(hourEnd, ZoneOffset.UTC).minusDays(1));
        return daily == null ? Double.NaN : daily / BINANCE_INTERVAL_HOURS;
    }

    private static Map<LocalDate, Double> readDailyMean(Path file) {
        Map<LocalDate, Double> rates = new TreeMap<>();
        CsvRows.read(
                file,
                header -> {
                    if (header == null || !header.startsWith("date,funding_mean")) {
                        throw new MarketDataException(
                                file, 1, null, "expected the header 'date,funding_mean,...', was: " + header);
                    }
                },
                (lineNumber, line, f) -> {
                    try {
                        rates.put(LocalDate.parse(f[0].trim()), Double.parseDouble(f[1]));
                    } catch (RuntimeException e) {
                        throw new MarketDataException(file, lineNumber, f[0], "unparsable row '" + line + "'");
                    }
                });
        return rates;
    }
}
