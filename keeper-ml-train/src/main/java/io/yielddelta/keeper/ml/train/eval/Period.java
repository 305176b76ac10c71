package io.yielddelta.keeper.ml.train.eval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A span of hours [from, to), named for tables: "2022–2023", "2024". */
public record Period(String name, Instant from, Instant to) {

    /** Whole UTC years {@code first} to {@code last}, inclusive. */
    public static Period years(int first, int last) {
        return new Period(
                first == last ? Integer.toString(first) : first + "–" + last,
                LocalDate.of(first, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC),
                LocalDate.of(last + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    public String firstDay() {
        return LocalDate.ofInstant(from, ZoneOffset.UTC).toString();
    }

    public String lastDay() {
        return LocalDate.ofInstant(to, ZoneOffset.UTC).minusDays(1).toString();
    }
}
