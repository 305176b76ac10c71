package io.yielddelta.keeper.ml.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.yielddelta.keeper.ml.feature.FeatureScaling;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a model file promises, written beside it by the trainer and checked at load: which file (and its SHA-256),
 * the input and output tensors, the features and their scaling, the bounds of each output column, the training
 * period and the metrics measured then, a smoke inference with its expected output, and the latency budget of one
 * batched inference.
 *
 * @param name           the model's name, also the manifest's and the file's base name
 * @param version        bumped by every training run that changes the file
 * @param file           the ONNX file, beside the manifest
 * @param sha256         lower-case hex SHA-256 of the file
 * @param input          the one input tensor: [-1, width] floats (a window of feature rows, flattened row-major)
 * @param output         the one output tensor: [-1, columns] floats
 * @param outputColumns  what each output column means
 * @param outputMin      per column, the lowest value accepted (below it the row falls back)
 * @param outputMax      per column, the highest value accepted
 * @param features       the feature names in input order, with the standardisation the trainer applied
 * @param window         feature rows per input (1 for a model of one row)
 * @param horizonHours   the horizon the model predicts over
 * @param training       where the weights came from
 * @param metrics        figures measured at training time (name → value)
 * @param smoke          an input and the output the file gave for it at training time
 * @param latencyBudgetMs the longest one batched inference of up to 1,000 rows may take (larger batches get the same
 *                       per row); longer is treated as a failure of the model
 */
public record ModelManifest(
        String name,
        String version,
        String file,
        String sha256,
        Tensor input,
        Tensor output,
        List<String> outputColumns,
        double[] outputMin,
        double[] outputMax,
        List<Feature> features,
        int window,
        int horizonHours,
        Training training,
        Map<String, Double> metrics,
        Smoke smoke,
        double latencyBudgetMs) {

    public record Tensor(String name, long[] shape) {}

    public record Feature(String name, double mean, double std) {}

    /**
     * @param from       first day of the training data (inclusive, UTC)
     * @param to         last day of the training data (inclusive)
     * @param validation the out-of-sample period the metrics were measured on
     * @param seed       the seed of every random draw in training
     * @param command    the command that reproduces the file
     * @param data       the data it was fitted on
     */
    public record Training(String from, String to, String validation, long seed, String command, String data) {}

    /** @param tolerance the largest absolute difference accepted between the file's output and {@code output} */
    public record Smoke(int rows, float[] input, float[] output, double tolerance) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Reads and checks a manifest; every problem is named with {@code source} and the field. */
    public static ModelManifest parse(byte[] json, String source) {
        ModelManifest manifest;
        try {
            manifest = JSON.readValue(json, ModelManifest.class);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new ModelException(source + line + ": not a model manifest: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ModelException(source + ": cannot read: " + e.getMessage());
        }
        List<String> problems = manifest.problems();
        if (!problems.isEmpty()) {
            throw new ModelException(source + ": " + String.join("; ", problems));
        }
        return manifest;
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write manifest of " + name, e);
        }
    }

    /** Width of one input row: features × window. */
    public int inputWidth() {
        return features.size() * window;
    }

    public int outputWidth() {
        return outputColumns.size();
    }

    public FeatureScaling scaling() {
        return new FeatureScaling(
                features.stream().mapToDouble(Feature::mean).toArray(),
                features.stream().mapToDouble(Feature::std).toArray());
    }

    /** The budget of one batched inference of {@code rows} rows. */
    public double latencyBudgetMs(int rows) {
        return latencyBudgetMs * Math.max(1, rows / 1000.0);
    }

    public String label() {
        return name + " v" + version;
    }

    private List<String> problems() {
        List<String> p = new ArrayList<>();
        require(p, name != null && name.matches("[a-z0-9-]+"), "name: lower-case letters, digits and dashes");
        require(p, version != null && !version.isBlank(), "version: missing");
        require(p, file != null && file.matches("[A-Za-z0-9._-]+\\.onnx"), "file: a file name ending in .onnx");
        require(p, sha256 != null && sha256.matches("[0-9a-f]{64}"), "sha256: 64 lower-case hex digits");
        require(p, features != null && !features.isEmpty(), "features: at least one");
        require(p, window >= 1, "window: at least 1");
        require(p, horizonHours >= 1, "horizonHours: at least 1");
        require(p, training != null, "training: missing");
        require(p, metrics != null, "metrics: missing (may be empty)");
        require(p, latencyBudgetMs > 0, "latencyBudgetMs: positive");
        if (!p.isEmpty()) {
            return p;
        }
        for (Feature f : features) {
            require(
                    p,
                    f.name() != null && Double.isFinite(f.mean()) && f.std() > 0 && Double.isFinite(f.std()),
                    "features." + f.name() + ": a name, a finite mean and a positive std");
        }
        require(
                p,
                input != null
                        && input.name() != null
                        && input.shape() != null
                        && input.shape().length == 2
                        && input.shape()[0] == -1
                        && input.shape()[1] == inputWidth(),
                "input: a name and shape [-1, " + inputWidth() + "] (features × window)");
        require(p, outputColumns != null && !outputColumns.isEmpty(), "outputColumns: at least one");
        if (!p.isEmpty()) {
            return p;
        }
        int columns = outputColumns.size();
        require(
                p,
                output != null
                        && output.name() != null
                        && output.shape() != null
                        && output.shape().length == 2
                        && output.shape()[0] == -1
                        && output.shape()[1] == columns,
                "output: a name and shape [-1, " + columns + "] (one per output column)");
        require(
                p,
                outputMin != null && outputMax != null && outputMin.length == columns && outputMax.length == columns,
                "outputMin/outputMax: one bound per output column");
        if (p.isEmpty()) {
            for (int c = 0; c < columns; c++) {
                require(
                        p,
                        outputMin[c] < outputMax[c],
                        "outputMin/outputMax: column " + outputColumns.get(c) + " has min >= max");
            }
        }
        require(
                p,
                smoke != null
                        && smoke.rows() >= 1
                        && smoke.input() != null
                        && smoke.output() != null
                        && smoke.input().length == smoke.rows() * inputWidth()
                        && smoke.output().length == smoke.rows() * columns
                        && smoke.tolerance() > 0,
                "smoke: rows >= 1, input of rows × " + inputWidth() + ", output of rows × " + columns
                        + ", tolerance > 0");
        return p;
    }

    private static void require(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
