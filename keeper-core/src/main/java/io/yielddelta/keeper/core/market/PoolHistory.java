package io.yielddelta.keeper.core.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Uniswap V3 pool's daily history in the format of {@code ../shared/data/uniswap-v3/mainnet-weth-usdt-daily} (The
 * Graph's {@code poolDayDatas}: {@code date,date_unix,volumeUSD,tvlUSD,…}): each UTC day's traded volume and total value
 * locked. Rejects, naming file, line and date: unparsable rows, a negative volume, a TVL that is not positive, and days
 * that do not move forward.
 */
public final class PoolHistory {

    /** One day of the pool: volume traded and value locked, in USD (statistics for the fee model: doubles). */
    public record PoolDay(LocalDate date, double volumeUsd, double tvlUsd) {}

    private PoolHistory() {}

    public static List<PoolDay> read(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String header = reader.readLine();
            List<String> names = header == null
                    ? List.of()
                    : Arrays.stream(header.split(",")).map(String::trim).toList();
            int date = names.indexOf("date");
            int volume = names.indexOf("volumeUSD");
            int tvl = names.indexOf("tvlUSD");
            if (date < 0 || volume < 0 || tvl < 0) {
                throw new MarketDataException(
                        file, 1, null, "header must name date, volumeUSD and tvlUSD; was: " + header);
            }
            List<PoolDay> days = new ArrayList<>();
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                String day = f.length > date ? f[date].trim() : null;
                PoolDay parsed;
                try {
                    parsed = new PoolDay(
                            LocalDate.parse(day),
                            Double.parseDouble(f[volume].trim()),
                            Double.parseDouble(f[tvl].trim()));
                } catch (DateTimeParseException
                        | ArrayIndexOutOfBoundsException
                        | NumberFormatException
                        | NullPointerException e) {
                    throw new MarketDataException(file, lineNumber, day, "unparsable row '" + line + "'");
                }
                if (!(parsed.volumeUsd() >= 0) || Double.isInfinite(parsed.volumeUsd())) {
                    throw new MarketDataException(file, lineNumber, day, "volumeUSD must be a non-negative number");
                }
                if (!(parsed.tvlUsd() > 0) || Double.isInfinite(parsed.tvlUsd())) {
                    throw new MarketDataException(file, lineNumber, day, "tvlUSD must be positive");
                }
                if (!days.isEmpty() && !parsed.date().isAfter(days.getLast().date())) {
                    throw new MarketDataException(
                            file,
                            lineNumber,
                            day,
                            "days do not move forward (previous day "
                                    + days.getLast().date() + ")");
                }
                days.add(parsed);
            }
            if (days.isEmpty()) {
                throw new MarketDataException(file, 2, null, "no pool days");
            }
            return List.copyOf(days);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
