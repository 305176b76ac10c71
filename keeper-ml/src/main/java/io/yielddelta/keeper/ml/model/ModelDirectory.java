package io.yielddelta.keeper.ml.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the keeper's models live: a folder (configured) or the models shipped inside this module's jar. Each model is
 * {@code <name>.json} (its {@link ModelManifest}) beside the ONNX file the manifest names. Loading never throws: a
 * missing or invalid model comes back {@link LoadedModel.Unavailable} with the reason, logged once, and the callers
 * fall back.
 */
public final class ModelDirectory {
    private static final Logger log = LoggerFactory.getLogger(ModelDirectory.class);
    /** The shipped models' classpath folder. */
    static final String SHIPPED = "/io/yielddelta/keeper/ml/models/";

    private final Path folder;

    private ModelDirectory(Path folder) {
        this.folder = folder;
    }

    public static ModelDirectory at(Path folder) {
        return new ModelDirectory(folder);
    }

    /** The models committed in keeper-ml's resources. */
    public static ModelDirectory shipped() {
        return new ModelDirectory(null);
    }

    public LoadedModel load(String name) {
        String manifestName = name + ".json";
        try {
            byte[] manifestBytes = read(manifestName)
                    .orElseThrow(() -> new ModelException(where(manifestName) + ": no such model manifest"));
            ModelManifest manifest = ModelManifest.parse(manifestBytes, where(manifestName));
            if (!manifest.name().equals(name)) {
                throw new ModelException(where(manifestName) + ": name is " + manifest.name() + ", expected " + name);
            }
            byte[] file = read(manifest.file())
                    .orElseThrow(() -> new ModelException(where(manifest.file()) + ": no such model file"));
            OnnxModel model = OnnxModel.open(manifest, file, where(manifest.file()));
            log.info(
                    "model {} loaded from {} (sha256 {}, trained {} to {})",
                    manifest.label(),
                    where(manifest.file()),
                    manifest.sha256().substring(0, 12),
                    manifest.training().from(),
                    manifest.training().to());
            return new LoadedModel.Ready(model);
        } catch (ModelException e) {
            log.warn("model {} unavailable, its callers fall back: {}", name, e.getMessage());
            return new LoadedModel.Unavailable(name, e.getMessage());
        }
    }

    private String where(String file) {
        return folder == null
                ? "classpath:" + SHIPPED + file
                : folder.resolve(file).toString();
    }

    private Optional<byte[]> read(String file) {
        try {
            if (folder == null) {
                try (InputStream in = ModelDirectory.class.getResourceAsStream(SHIPPED + file)) {
                    return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
                }
            }
            return Optional.of(Files.readAllBytes(folder.resolve(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + where(file), e);
        }
    }
}
