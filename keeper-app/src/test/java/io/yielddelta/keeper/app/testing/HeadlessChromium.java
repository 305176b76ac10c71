package io.yielddelta.keeper.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Debian's Chromium (the build provisions it: keeper-app's {@code provision-chromium} profile), headless, for the
 * browser tests: a page's screenshot, or its DOM once loaded. Each run has its own profile under {@code dir}.
 */
public final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Path dir;
    private final int width;
    private final int height;

    public HeadlessChromium(Path dir, int width, int height) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.width = width;
        this.height = height;
    }

    /** The page at {@code url} as a PNG written to {@code png}. */
    public BufferedImage screenshot(String url, Path png) throws Exception {
        Files.deleteIfExists(png);
        run(url, "--screenshot=" + png.toAbsolutePath(), dir.resolve("chromium.log"));
        return ImageIO.read(png.toFile());
    }

    /** The DOM of the page at {@code url} once loaded, as HTML. */
    public String dom(String url) throws Exception {
        Path out = dir.resolve("dom.html");
        run(url, "--dump-dom", out);
        return Files.readString(out);
    }

    private void run(String url, String mode, Path output) throws Exception {
        assertThat(CHROMIUM)
                .as("Debian chromium (the build installs it with apt-get)")
                .isExecutable();
        List<String> command = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile").toAbsolutePath(),
                "--window-size=" + width + "," + height,
                mode,
                url));
        Process chromium = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assertThat(chromium.waitFor(90, TimeUnit.SECONDS))
                    .as("chromium finished")
                    .isTrue();
        } finally {
            chromium.destroyForcibly();
        }
    }

    /** How many pixels are within a small distance of the colour {@code rgb} (0xRRGGBB). */
    public static int pixelsNear(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int dr = ((p >> 16) & 0xff) - ((rgb >> 16) & 0xff);
                int dg = ((p >> 8) & 0xff) - ((rgb >> 8) & 0xff);
                int db = (p & 0xff) - (rgb & 0xff);
                if (dr * dr + dg * dg + db * db < 900) {
                    count++;
                }
            }
        }
        return count;
    }
}
