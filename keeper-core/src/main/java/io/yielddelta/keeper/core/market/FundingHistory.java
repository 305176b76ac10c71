package io.yielddelta.keeper.core.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A perpetual's historical funding, as in {@code ../shared/data/funding} ({@code Symbol,Date,Funding Rate}): each row
 * the rate settled at that time for the interval before it (8 h on most venues, 1 h on dYdX), spread here evenly over
 * the interval's hours. Rejects, naming file, line and timestamp, unparsable rows and time that does not move forward.
 */
public final class FundingHistory {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private final NavigableMap<Instant, BigDecimal> hourlyRateBySettlement;
    private final Duration interval;

    private FundingHistory(NavigableMap<Instant, BigDecimal> hourlyRateBySettlement, Duration interval) {
        this.hourlyRateBySettlement = hourlyRateBySettlement;
        this.interval = interval;
    }

    /**
     * @param intervalHours  hours between two settlements (each rate is divided by it)
     * @param utcOffsetHours the offset of the file's local times from UTC (some exporters write UTC+3)
     */
    public static FundingHistory read(Path file, int intervalHours, int utcOffsetHours) {
        if (intervalHours < 1) {
            throw new IllegalArgumentException("intervalHours must be at least 1, was " + intervalHours);
        }
        ZoneOffset offset = ZoneOffset.ofHours(utcOffsetHours);
        BigDecimal divisor = BigDecimal.valueOf(intervalHours);
        NavigableMap<Instant, BigDecimal> rates = new TreeMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String header = reader.readLine();
            if (header == null || !header.trim().equalsIgnoreCase("Symbol,Date,Funding Rate")) {
                throw new MarketDataException(
                        file, 1, null, "expected the header 'Symbol,Date,Funding Rate', was: " + header);
            }
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                String timestamp = f.length > 1 ? f[1].trim() : null;
                Instant settlement;
                BigDecimal rate;
                try {
                    // Exporters stamp settlements a few milliseconds late; the settlement is the hour.
                    settlement = LocalDateTime.parse(timestamp, DATE)
                            .toInstant(offset)
                            .truncatedTo(ChronoUnit.HOURS);
                    rate = new BigDecimal(f[2].trim());
                } catch (DateTimeParseException
                        | ArrayIndexOutOfBoundsException
                        | NumberFormatException
                        | NullPointerException e) {
                    throw new MarketDataException(file, lineNumber, timestamp, "unparsable row '" + line + "'");
                }
                if (!rates.isEmpty() && !settlement.isAfter(rates.lastKey())) {
                    throw new MarketDataException(
                            file,
                            lineNumber,
                            timestamp,
                            "time does not move forward (previous settlement " + rates.lastKey() + ")");
                }
                rates.put(settlement, rate.divide(divisor, MathContext.DECIMAL64));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (rates.isEmpty()) {
            throw new MarketDataException(file, 2, null, "no funding rows");
        }
        return new FundingHistory(rates, Duration.ofHours(intervalHours));
    }

    /** The rate per hour for the hour ending at {@code hour}, or null where the history does not cover it. */
    public BigDecimal hourlyRate(Instant hour) {
        Map.Entry<Instant, BigDecimal> settlement = hourlyRateBySettlement.ceilingEntry(hour);
        if (settlement == null || !hour.isAfter(settlement.getKey().minus(interval))) {
            return null;
        }
        return settlement.getValue();
    }

    /**
     * The rate per hour of the latest settlement at or before {@code time}: what a venue has published by then. Null
     * before the first settlement and once the history no longer covers {@code time}.
     */
    public BigDecimal settledRate(Instant time) {
        Map.Entry<Instant, BigDecimal> settled = hourlyRateBySettlement.floorEntry(time);
        if (settled == null || !time.isBefore(hourlyRateBySettlement.lastKey().plus(interval))) {
            return null;
        }
        return settled.getValue();
    }

    public Instant first() {
        return hourlyRateBySettlement.firstKey();
    }

    public Instant last() {
        return hourlyRateBySettlement.lastKey();
    }
}
