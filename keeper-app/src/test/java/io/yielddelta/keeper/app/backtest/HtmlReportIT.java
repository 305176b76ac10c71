package io.yielddelta.keeper.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.app.testing.HeadlessChromium;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The report renders in a real browser: headless Chromium (Debian's package, installed by the build) screenshots it. */
class HtmlReportIT {

    @Test
    void rendersInHeadlessChromium() throws Exception {
        Path dir = Path.of("target/report-screenshot");
        HeadlessChromium chromium = new HeadlessChromium(dir, 1100, 4200);
        Path html = dir.resolve("report.html");
        HtmlReport.write(ReportFixtures.ninetyDaysOfEth(1), html);

        BufferedImage shot = chromium.screenshot(html.toAbsolutePath().toUri().toString(), dir.resolve("report.png"));

        assertThat(shot.getWidth()).isEqualTo(1100);
        // The price line (#1f6feb) and the pass marks (#116329) are drawn: count pixels near each colour (the first
        // vault's charts come after its tables, hence the tall window).
        assertThat(HeadlessChromium.pixelsNear(shot, 0x1f6feb)).isGreaterThan(200);
        assertThat(HeadlessChromium.pixelsNear(shot, 0x116329)).isGreaterThan(20);
    }
}
