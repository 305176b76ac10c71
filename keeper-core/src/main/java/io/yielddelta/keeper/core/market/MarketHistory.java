package io.yielddelta.keeper.core.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads kline CSV files in the format of {@code shared/data/market}: a header naming the columns, then one bar per line
 * with the open time in UTC milliseconds ({@code open_time_ms} or {@code timestamp}) and open, high, low, close,
 * volume. Rejects, naming file, line and timestamp: unparsable rows, time that does not move forward, and gaps longer
 * than {@code maxGap}. Shorter gaps (exchange outages of a few hours) stay in the list as jumps of the open time.
 */
public final class MarketHistory {
    public static final Duration DEFAULT_MAX_GAP = Duration.ofHours(24);

    private MarketHistory() {}

    public static List<HourlyBar> read(Path file) {
        return read(file, DEFAULT_MAX_GAP);
    }

    public static List<HourlyBar> read(Path file, Duration maxGap) {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String header = reader.readLine();
            if (header == null) {
                throw new MarketDataException(file, 1, null, "empty file, expected a header");
            }
            Columns columns = Columns.of(file, header);
            List<HourlyBar> bars = new ArrayList<>();
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                HourlyBar bar = columns.parse(file, lineNumber, line);
                if (!bars.isEmpty()) {
                    Instant previous = bars.getLast().openTime();
                    if (!bar.openTime().isAfter(previous)) {
                        throw new MarketDataException(
                                file,
                                lineNumber,
                                bar.openTime().toString(),
                                "time does not move forward (previous bar " + previous + ")");
                    }
                    Duration gap = Duration.between(previous, bar.openTime());
                    if (gap.compareTo(maxGap) > 0) {
                        throw new MarketDataException(
                                file,
                                lineNumber,
                                bar.openTime().toString(),
                                "gap of " + gap.toHours() + " h after " + previous + " exceeds " + maxGap.toHours()
                                        + " h");
                    }
                }
                bars.add(bar);
            }
            return List.copyOf(bars);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private record Columns(int time, int open, int high, int low, int close, int volume) {
        static Columns of(Path file, String header) {
            List<String> names =
                    Arrays.stream(header.split(",")).map(String::trim).toList();
            int time = names.indexOf("open_time_ms") >= 0 ? names.indexOf("open_time_ms") : names.indexOf("timestamp");
            Columns c = new Columns(
                    time,
                    names.indexOf("open"),
                    names.indexOf("high"),
                    names.indexOf("low"),
                    names.indexOf("close"),
                    names.indexOf("volume"));
            if (c.time < 0 || c.open < 0 || c.high < 0 || c.low < 0 || c.close < 0 || c.volume < 0) {
                throw new MarketDataException(
                        file,
                        1,
                        null,
                        "header must name open_time_ms (or timestamp), open, high, low, close, volume; was: " + header);
            }
            return c;
        }

        HourlyBar parse(Path file, int lineNumber, String line) {
            String[] f = line.split(",", -1);
            String timestamp = f.length > time ? f[time].trim() : null;
            try {
                Instant openTime = Instant.ofEpochMilli(Long.parseLong(timestamp));
                BigDecimal close = price(f[this.close]);
                return new HourlyBar(
                        openTime,
                        price(f[open]),
                        price(f[high]),
                        price(f[low]),
                        close,
                        new BigDecimal(f[volume].trim()));
            } catch (RuntimeException e) {
                throw new MarketDataException(
                        file, lineNumber, timestamp, "unparsable row '" + line + "': " + e.getMessage());
            }
        }

        private static BigDecimal price(String field) {
            BigDecimal price = new BigDecimal(field.trim());
            if (price.signum() <= 0) {
                throw new IllegalArgumentException("price must be positive, was " + field.trim());
            }
            return price;
        }
    }
}
