package io.yielddelta.keeper.app.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.sentry.Scope;
import io.sentry.SentryClient;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import io.yielddelta.keeper.core.risk.RiskAlert;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.risk.TradingState;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.event.KeyValuePair;

/**
 * Errors and risk alerts to Sentry, each with the vault, venue, decision id and trading state as tags and the release
 * set to the keeper's version. Everything is scrubbed of the deployment's secrets before it leaves (message, exception
 * values, tags, extras). Built without a DSN it is off: no client, no thread, no network, and every call returns at
 * once. Uses its own client rather than Sentry's global hub, so a process may hold several (tests) and nothing else in
 * the process reports through it by accident.
 */
public final class SentryReporter implements RiskEvents, AutoCloseable {

    /** Key-values of a log line that become Sentry tags (the rest become extras). */
    private static final Set<String> TAG_KEYS = Set.of("decision_id", "vault", "venue", "journal_status", "risk_alert");

    private final SentryClient client;
    private final Scope scope;
    private final Supplier<TradingState> tradingState;
    private final Map<String, String> vaultNames;

    private SentryReporter(
            SentryClient client, Scope scope, Supplier<TradingState> tradingState, Map<String, String> vaultNames) {
        this.client = client;
        this.scope = scope;
        this.tradingState = tradingState;
        this.vaultNames = vaultNames;
    }

    /**
     * @param dsn          empty: reporting is off
     * @param release      the keeper's version, e.g. {@code yield-delta-keeper@0.1.0}
     * @param tradingState read for every event
     * @param vaultNames   each vault's name by its lower-case address (alerts from the hedge name vaults by address)
     */
    public static SentryReporter open(
            Optional<String> dsn,
            String release,
            String instance,
            SecretScrubber scrubber,
            Supplier<TradingState> tradingState,
            Map<String, String> vaultNames) {
        if (dsn.isEmpty() || dsn.get().isBlank()) {
            return new SentryReporter(null, null, tradingState, vaultNames);
        }
        requireDsnShape(dsn.get());
        SentryOptions options = new SentryOptions();
        options.setDsn(dsn.get());
        options.setRelease(release);
        options.setServerName(instance);
        options.setSendDefaultPii(false);
        options.setAttachStacktrace(false);
        options.setBeforeSend((event, hint) -> scrub(event, scrubber));
        return new SentryReporter(new SentryClient(options), new Scope(options), tradingState, vaultNames);
    }

    /** Refuses what Sentry cannot send to, naming the field but never the value (the DSN holds its key). */
    private static void requireDsnShape(String dsn) {
        boolean valid;
        try {
            URI uri = new URI(dsn);
            valid = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getUserInfo() != null
                    && !uri.getUserInfo().isBlank()
                    && uri.getHost() != null
                    && uri.getPath() != null
                    && uri.getPath().matches("(/[^/]+)*/\\d+/?");
        } catch (URISyntaxException e) {
            valid = false;
        }
        if (!valid) {
            throw new IllegalArgumentException(
                    "observability.sentryDsn is not a Sentry DSN (expected " + "https://<key>@<host>/<project id>)");
        }
    }

    public boolean enabled() {
        return client != null;
    }

    @Override
    public void stateChanged(TradingState from, TradingState to, String reason) {
        if (to != TradingState.ACTIVE) {
            send(
                    new SentryEvent(),
                    SentryLevel.WARNING,
                    "risk",
                    "trading state " + from + " -> " + to + ": " + reason,
                    Map.of("risk_alert", "TradingStateChanged"));
        }
    }

    @Override
    public void alert(RiskAlert alert) {
        Map<String, String> tags = new HashMap<>();
        tags.put("risk_alert", alert.getClass().getSimpleName());
        switch (alert) {
            case RiskAlert.CollateralLow a -> tags.put("venue", a.venue());
            case RiskAlert.LiquidationNear a -> tags.put("venue", a.venue());
            case RiskAlert.HedgeDown a -> tags.put("vault", vaultName(a.vault()));
            case RiskAlert.OrderBlocked a -> {
                tags.put("vault", vaultName(a.vault()));
                tags.put("venue", a.venue());
                tags.put("decision_id", a.clientId().decisionId());
            }
            case RiskAlert.DailyLossLimit a -> {}
        }
        SentryLevel level = alert instanceof RiskAlert.LiquidationNear || alert instanceof RiskAlert.DailyLossLimit
                ? SentryLevel.ERROR
                : SentryLevel.WARNING;
        send(new SentryEvent(), level, "risk", "risk alert: " + alert, tags);
    }

    private String vaultName(String vault) {
        return vaultNames.getOrDefault(vault.toLowerCase(java.util.Locale.ROOT), vault);
    }

    /** An error logged anywhere in the keeper (see {@link #appender}). */
    void logged(ILoggingEvent event) {
        Map<String, String> tags = new HashMap<>();
        Map<String, Object> extras = new HashMap<>();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                if (pair.value == null) {
                    continue;
                }
                if (TAG_KEYS.contains(pair.key)) {
                    tags.put(pair.key, String.valueOf(pair.value));
                } else {
                    extras.put(pair.key, String.valueOf(pair.value));
                }
            }
        }
        Throwable thrown = event.getThrowableProxy() instanceof ThrowableProxy proxy ? proxy.getThrowable() : null;
        SentryEvent sentry = thrown == null ? new SentryEvent() : new SentryEvent(thrown);
        extras.forEach(sentry::setExtra);
        send(sentry, SentryLevel.ERROR, event.getLoggerName(), event.getFormattedMessage(), tags);
    }

    private void send(SentryEvent event, SentryLevel level, String logger, String text, Map<String, String> tags) {
        if (client == null) {
            return;
        }
        Message message = new Message();
        message.setFormatted(text);
        event.setMessage(message);
        event.setLevel(level);
        event.setLogger(logger);
        tags.forEach(event::setTag);
        event.setTag("trading_state", tradingState.get().name());
        client.captureEvent(event, scope);
    }

    private static SentryEvent scrub(SentryEvent event, SecretScrubber scrubber) {
        if (event.getMessage() != null) {
            event.getMessage().setFormatted(scrubber.scrub(event.getMessage().getFormatted()));
            event.getMessage().setMessage(scrubber.scrub(event.getMessage().getMessage()));
        }
        if (event.getExceptions() != null) {
            for (SentryException exception : event.getExceptions()) {
                exception.setValue(scrubber.scrub(exception.getValue()));
            }
        }
        if (event.getTags() != null) {
            Map.copyOf(event.getTags()).forEach((k, v) -> event.setTag(k, scrubber.scrub(v)));
        }
        if (event.getExtras() != null) {
            Map.copyOf(event.getExtras()).forEach((k, v) -> event.setExtra(k, scrubber.scrub(String.valueOf(v))));
        }
        return event;
    }

    /** A logback appender sending ERROR lines here (Sentry's own and the Datadog sender's are left out). */
    public AppenderBase<ILoggingEvent> appender() {
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR)
                        && !event.getLoggerName().startsWith("io.sentry")) {
                    logged(event);
                }
            }
        };
        appender.setName("sentry");
        return appender;
    }

    /** Sends what is queued (within two seconds) and stops the client. */
    @Override
    public void close() {
        if (client != null) {
            client.flush(2_000);
            client.close();
        }
    }
}
