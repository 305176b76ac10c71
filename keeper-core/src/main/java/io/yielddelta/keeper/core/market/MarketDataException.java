package io.yielddelta.keeper.core.market;

import java.nio.file.Path;

/** Bad market data: names the file, the line and, where known, the bar's timestamp. */
public final class MarketDataException extends RuntimeException {
    public MarketDataException(Path file, int line, String timestamp, String problem) {
        super(file + ":" + line + (timestamp == null ? "" : " (" + timestamp + ")") + ": " + problem);
    }
}
