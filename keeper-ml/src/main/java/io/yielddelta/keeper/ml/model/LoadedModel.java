package io.yielddelta.keeper.ml.model;

import java.util.List;

/** The outcome of loading one model: ready to run, or unavailable and why. */
public sealed interface LoadedModel {

    String name();

    record Ready(OnnxModel model) implements LoadedModel {
        @Override
        public String name() {
            return model.manifest().name();
        }
    }

    record Unavailable(String name, String reason) implements LoadedModel {}

    /**
     * {@code loaded} if it is unavailable or speaks the caller's contract (feature names in order, output columns in
     * order, and one feature row per input when {@code singleRow}); otherwise closed and unavailable, saying why.
     */
    static LoadedModel requireContract(
            LoadedModel loaded, List<String> features, List<String> outputs, boolean singleRow) {
        if (loaded instanceof Ready ready) {
            ModelManifest m = ready.model().manifest();
            List<String> names =
                    m.features().stream().map(ModelManifest.Feature::name).toList();
            if (!names.equals(features) || !m.outputColumns().equals(outputs) || (singleRow && m.window() != 1)) {
                ready.model().close();
                return new Unavailable(
                        loaded.name(),
                        m.label() + " expects " + names + " (window " + m.window() + ") → " + m.outputColumns()
                                + "; this keeper computes " + features + " → " + outputs);
            }
        }
        return loaded;
    }
}
