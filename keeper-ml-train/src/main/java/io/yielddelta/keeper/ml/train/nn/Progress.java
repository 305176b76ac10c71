package io.yielddelta.keeper.ml.train.nn;

import java.io.PrintStream;
import java.util.Locale;

/** Training progress on one line per step: what, a bar, and the figure that matters. */
public interface Progress {

    void step(String what, int done, int total, String figure);

    Progress SILENT = (what, done, total, figure) -> {};

    static Progress to(PrintStream out) {
        return (what, done, total, figure) -> {
            int width = 30;
            int filled = total == 0 ? width : done * width / total;
            out.printf(
                    Locale.ROOT,
                    "%-28s [%s%s] %d/%d %s%n",
                    what,
                    "#".repeat(filled),
                    ".".repeat(width - filled),
                    done,
                    total,
                    figure);
            out.flush();
        };
    }
}
