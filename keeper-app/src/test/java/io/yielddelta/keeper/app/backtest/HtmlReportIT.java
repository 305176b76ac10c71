package io.yielddelta.keeper.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The report renders in a real browser: headless Chromium (Debian's package, installed by .ci/run) screenshots it. */
class HtmlReportIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void rendersInHeadlessChromium() throws Exception {
        assertThat(CHROMIUM).as("Debian chromium (apt-get install chromium; .ci/run does)").isExecutable();
        Path dir = Files.createDirectories(Path.of("target/report-screenshot"));
        Path html = dir.resolve("report.html");
        Path png = dir.resolve("report.png");
        Files.deleteIfExists(png);
        HtmlReport.write(ReportFixtures.ninetyDaysOfEth(1), html);

        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile").toAbsolutePath(),
                "--window-size=1100,4200", "--screenshot=" + png.toAbsolutePath(), html.toAbsolutePath().toUri().toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        try {
            assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        } finally {
            chromium.destroyForcibly();
        }

        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(1100);
        // The price line (#1f6feb) and the pass marks (#116329) are drawn: count pixels near each colour (the first
        // vault's charts come after its tables, hence the tall window).
        assertThat(pixelsNear(shot, 0x1f6feb)).isGreaterThan(200);
        assertThat(pixelsNear(shot, 0x116329)).isGreaterThan(20);
    }

    private static int pixelsNear(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int dr = ((p >> 16) & 0xff) - ((rgb >> 16) & 0xff);
                int dg = ((p >> 8) & 0xff) - ((rgb >> 8) & 0xff);
                int db = (p & 0xff) - (rgb & 0xff);
                if (dr * dr + dg * dg + db * db < 900) count++;
            }
        }
        return count;
    }
}
