package io.yielddelta.keeper.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.yielddelta.keeper.core.risk.RiskAlert;
import io.yielddelta.keeper.core.risk.TradingState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Sentry reporting against a local endpoint shaped like Sentry's envelope API. */
class SentryReporterTest {

    private static final String TOKEN = "admin-token-0123456789abcdef";
    private static final String MNEMONIC = "abandon ability able about above absent absorb abstract absurd abuse";
    private static final String PUBLIC_KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void withoutADsnNothingIsBuiltAndEveryCallReturns() {
        SentryReporter off = SentryReporter.open(
                Optional.empty(),
                "yield-delta-keeper@test",
                "it",
                new SecretScrubber(List.of()),
                () -> TradingState.ACTIVE,
                Map.of());

        assertThat(off.enabled()).isFalse();
        off.alert(new RiskAlert.HedgeDown("v", "down"));
        off.stateChanged(TradingState.ACTIVE, TradingState.HALTED, "operator");
        off.close();
    }

    @Test
    void anErrorLineGoesOutWithItsContextAndWithoutTheSecretsInIt() throws Exception {
        try (LocalCollectors.Sentry sentry = new LocalCollectors.Sentry()) {
            SentryReporter reporter = SentryReporter.open(
                    Optional.of(sentry.dsn(PUBLIC_KEY)),
                    "yield-delta-keeper@9.9.9",
                    "keeper-a",
                    new SecretScrubber(List.of(TOKEN, MNEMONIC)),
                    () -> TradingState.REDUCING,
                    Map.of("0x00000000000000000000000000000000000000a1", "eth-usdc"));
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            AppenderBase<ILoggingEvent> appender = reporter.appender();
            appender.setContext(context);
            appender.start();
            Logger logger = context.getLogger("io.yielddelta.keeper.test.Broadcast");
            logger.addAppender(appender);
            try {
                logger.atError()
                        .addKeyValue("decision_id", "0xa1@2026-01-08T13:00:00Z")
                        .addKeyValue("vault", "eth-usdc")
                        .addKeyValue("venue", "hyperliquid")
                        .setCause(new IllegalStateException("node said: Authorization: Bearer " + TOKEN))
                        .log("rebalance failed; mnemonic {} token={}", MNEMONIC, TOKEN);
                logger.atWarn().log("a warning is not an error and stays out of Sentry");
                reporter.alert(new RiskAlert.HedgeDown("eth-usdc", "venue unreachable"));
            } finally {
                logger.detachAppender(appender);
                reporter.close();
            }

            List<String> bodies = sentry.envelopes.stream()
                    .map(LocalCollectors.Envelope::body)
                    .toList();
            assertThat(bodies).hasSize(2);
            String error = bodies.stream()
                    .filter(b -> b.contains("rebalance failed"))
                    .findFirst()
                    .orElseThrow();
            assertThat(error)
                    .contains(
                            "\"decision_id\":\"0xa1@2026-01-08T13:00:00Z\"",
                            "\"vault\":\"eth-usdc\"",
                            "\"venue\":\"hyperliquid\"",
                            "\"trading_state\":\"REDUCING\"",
                            "\"release\":\"yield-delta-keeper@9.9.9\"",
                            "\"level\":\"error\"",
                            "IllegalStateException",
                            SecretScrubber.MASK);
            assertThat(error).doesNotContain(TOKEN, MNEMONIC, "a warning");
            String alert = bodies.stream()
                    .filter(b -> b.contains("HedgeDown"))
                    .findFirst()
                    .orElseThrow();
            assertThat(alert).contains("\"vault\":\"eth-usdc\"", "\"risk_alert\":\"HedgeDown\"");
        }
    }

    @Test
    void aMalformedDsnIsRefusedWithoutQuotingIt() {
        String dsn = "https://" + PUBLIC_KEY + "@/no-host";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SentryReporter.open(
                        Optional.of(dsn), "r", "i", new SecretScrubber(List.of()), () -> TradingState.ACTIVE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("observability.sentryDsn")
                .hasMessageNotContaining(PUBLIC_KEY)
                .hasNoCause();
    }

    @Test
    void theScrubberRemovesKnownSecretsAndSecretShapedText() {
        SecretScrubber scrubber = new SecretScrubber(List.of("https://rpc.example/v2/KEY123456", TOKEN));
        String scrubbed = scrubber.scrub("POST https://rpc.example/v2/KEY123456 failed; Authorization: Bearer abc.def;"
                + " dsn https://pub123@o1.ingest.sentry.io/5 api_key=ddkey42&x=1 password: hunter22 " + TOKEN);

        assertThat(scrubbed)
                .doesNotContain("KEY123456", "abc.def", "pub123", "ddkey42", "hunter22", TOKEN)
                .contains("https://[scrubbed]@o1.ingest.sentry.io/5", "&x=1");
    }
}
