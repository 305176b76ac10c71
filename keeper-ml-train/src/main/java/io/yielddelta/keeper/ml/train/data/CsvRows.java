package io.yielddelta.keeper.ml.train.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a CSV file with a header line: the header, then each non-blank row with its 1-based line number. */
final class CsvRows {

    interface Row {
        void accept(int lineNumber, String line, String[] fields);
    }

    private CsvRows() {}

    /** Hands the header line (null for an empty file) to {@code header}, then every row to {@code row}. */
    static void read(Path file, java.util.function.Consumer<String> header, Row row) {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String first = reader.readLine();
            header.accept(first);
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    row.accept(lineNumber, line, line.split(",", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
