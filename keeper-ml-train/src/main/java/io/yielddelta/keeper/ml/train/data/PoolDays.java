package io.yielddelta.keeper.ml.train.data;

import io.yielddelta.keeper.core.market.MarketDataException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A pool's daily history as The Graph's {@code poolDayDatas} export gives it ({@code date,date_unix,volumeUSD,tvlUSD,
 * token0Price,token1Price,...}, one UTC day a line): traded volume and total value locked in USD, and the ETH price.
 * Rejects, naming file and line, unparsable rows, non-positive TVL and days that do not move forward.
 */
public final class PoolDays {

    /** @param turnover volume / TVL of the day; @param price the day's ETH price in USD */
    public record Day(LocalDate date, double volumeUsd, double tvlUsd, double price) {
        public double turnover() {
            return volumeUsd / tvlUsd;
        }
    }

    private final NavigableMap<LocalDate, Day> days;

    private PoolDays(NavigableMap<LocalDate, Day> days) {
        this.days = days;
    }

    public static PoolDays read(Path file) {
        NavigableMap<LocalDate, Day> days = new TreeMap<>();
        int[] columns = new int[4];
        CsvRows.read(
                file,
                header -> {
                    List<String> names = header == null ? List.of() : Arrays.asList(header.split(","));
                    columns[0] = names.indexOf("date");
                    columns[1] = names.indexOf("volumeUSD");
                    columns[2] = names.indexOf("tvlUSD");
                    columns[3] = names.indexOf("token1Price");
                    if (Arrays.stream(columns).anyMatch(c -> c < 0)) {
                        throw new MarketDataException(
                                file,
                                1,
                                null,
                                "header must name date, volumeUSD, tvlUSD and token1Price; was: " + header);
                    }
                },
                (lineNumber, line, f) -> {
                    Day day;
                    try {
                        day = new Day(
                                LocalDate.parse(f[columns[0]].trim()),
                                Double.parseDouble(f[columns[1]]),
                                Double.parseDouble(f[columns[2]]),
                                Double.parseDouble(f[columns[3]]));
                    } catch (RuntimeException e) {
                        throw new MarketDataException(
                                file, lineNumber, null, "unparsable row '" + line + "': " + e.getMessage());
                    }
                    if (!(day.tvlUsd() > 0) || !(day.volumeUsd() >= 0) || !(day.price() > 0)) {
                        throw new MarketDataException(
                                file,
                                lineNumber,
                                day.date().toString(),
                                "volume must not be negative, TVL and price must be positive");
                    }
                    if (!days.isEmpty() && !day.date().isAfter(days.lastKey())) {
                        throw new MarketDataException(
                                file,
                                lineNumber,
                                day.date().toString(),
                                "date does not move forward (previous " + days.lastKey() + ")");
                    }
                    days.put(day.date(), day);
                });
        return new PoolDays(days);
    }

    /** The day, or null where the history has none. */
    public Day on(LocalDate date) {
        return days.get(date);
    }
}
