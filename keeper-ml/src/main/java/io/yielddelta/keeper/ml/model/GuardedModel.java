package io.yielddelta.keeper.ml.model;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * A model as the keeper runs it: one batched inference per call, each output row checked (finite, within the
 * manifest's bounds), the whole batch failed if it errs or takes longer than its latency budget. It never throws for
 * a model's misbehaviour: rows it cannot vouch for come back with a {@link Fallback} and are counted.
 */
public final class GuardedModel {

    private final LoadedModel loaded;
    private final ModelHealth health;
    private final LongSupplier nanoTime;

    public GuardedModel(LoadedModel loaded, ModelHealth health) {
        this(loaded, health, System::nanoTime);
    }

    GuardedModel(LoadedModel loaded, ModelHealth health, LongSupplier nanoTime) {
        this.loaded = loaded;
        this.health = health;
        this.nanoTime = nanoTime;
    }

    public String name() {
        return loaded.name();
    }

    /** The manifest of a ready model; {@code null} when unavailable. */
    public ModelManifest manifest() {
        return loaded instanceof LoadedModel.Ready ready ? ready.model().manifest() : null;
    }

    /** Why the model cannot run at all, or {@code null} when it can. */
    public String unavailableBecause() {
        return loaded instanceof LoadedModel.Unavailable unavailable ? unavailable.reason() : null;
    }

    /**
     * The outputs of {@code rows} input rows. A row whose input holds a NaN or an infinity is not used (NOT_FINITE).
     *
     * @param input row-major, {@link ModelManifest#inputWidth()} floats a row
     */
    public Batch run(float[] input, int rows) {
        Fallback[] fallbacks = new Fallback[rows];
        if (!(loaded instanceof LoadedModel.Ready ready)) {
            Arrays.fill(fallbacks, Fallback.UNAVAILABLE);
            return counted(new Batch(new float[0], 0, fallbacks, unavailableBecause()));
        }
        ModelManifest manifest = ready.model().manifest();
        int in = manifest.inputWidth();
        int out = manifest.outputWidth();
        if (rows == 0) {
            return new Batch(new float[0], out, fallbacks, null);
        }
        for (int r = 0; r < rows; r++) {
            for (int i = r * in; i < (r + 1) * in; i++) {
                if (!Float.isFinite(input[i])) {
                    fallbacks[r] = Fallback.NOT_FINITE;
                    break;
                }
            }
        }
        float[] values;
        long started = nanoTime.getAsLong();
        try {
            values = ready.model().run(input, rows);
        } catch (RuntimeException e) {
            Arrays.fill(fallbacks, Fallback.ERROR);
            return counted(new Batch(new float[rows * out], out, fallbacks, e.getMessage()));
        }
        double tookMs = (nanoTime.getAsLong() - started) / 1e6;
        double budgetMs = manifest.latencyBudgetMs(rows);
        if (tookMs > budgetMs) {
            Arrays.fill(fallbacks, Fallback.LATENCY);
            return counted(new Batch(
                    values,
                    out,
                    fallbacks,
                    String.format(
                            java.util.Locale.ROOT,
                            "inference of %d rows took %.1f ms, budget %.1f ms",
                            rows,
                            tookMs,
                            budgetMs)));
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < out && fallbacks[r] == null; c++) {
                float v = values[r * out + c];
                if (!Float.isFinite(v)) {
                    fallbacks[r] = Fallback.NOT_FINITE;
                } else if (v < manifest.outputMin()[c] || v > manifest.outputMax()[c]) {
                    fallbacks[r] = Fallback.OUT_OF_BOUNDS;
                }
            }
        }
        return counted(new Batch(values, out, fallbacks, null));
    }

    private Batch counted(Batch batch) {
        int ok = 0;
        for (Fallback f : batch.fallbacks) {
            if (f == null) {
                ok++;
            } else {
                health.fellBack(name(), f);
            }
        }
        health.answered(name(), ok);
        return batch;
    }

    /**
     * @param values    output rows, row-major ({@code columns} each); meaningless for rows that fell back
     * @param fallbacks per row, why it fell back, or {@code null} for a row to use
     * @param detail    what went wrong for the whole batch, if anything (for the log)
     */
    public record Batch(float[] values, int columns, Fallback[] fallbacks, String detail) {
        public boolean ok(int row) {
            return fallbacks[row] == null;
        }

        public float value(int row, int column) {
            return values[row * columns + column];
        }
    }
}
