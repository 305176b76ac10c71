package io.yielddelta.keeper.app.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.datadog.DatadogConfig;
import io.micrometer.datadog.DatadogMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.dashboard.StatusBoard;
import io.yielddelta.keeper.core.risk.RiskAlert;
import io.yielddelta.keeper.core.risk.RiskEvents;
import io.yielddelta.keeper.core.risk.TradingState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * A daemon's observability, from the deployment file's {@code observability:} section: the meter registries
 * (Prometheus when {@code prometheusPort} is set, Datadog when {@code datadog.apiKey} is, both, or neither), the
 * {@link Telemetry} sink recording into them and into the dashboard's {@link StatusBoard}, the JVM's and logback's
 * series, and {@link SentryReporter} for errors and risk alerts. Closing it publishes the last Datadog step and
 * flushes Sentry.
 */
public final class Monitoring implements AutoCloseable {

    public static final String SERVICE = "yield-delta-keeper";
    private static final Duration DATADOG_TIMEOUT = Duration.ofSeconds(10);

    private final CompositeMeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final DatadogMeterRegistry datadog;
    private final Telemetry telemetry;
    private final SentryReporter sentry;
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final AppenderBase<ILoggingEvent> sentryAppender;

    private Monitoring(
            CompositeMeterRegistry registry,
            PrometheusMeterRegistry prometheus,
            DatadogMeterRegistry datadog,
            Telemetry telemetry,
            SentryReporter sentry) {
        this.registry = registry;
        this.prometheus = prometheus;
        this.datadog = datadog;
        this.telemetry = telemetry;
        this.sentry = sentry;
        for (MeterBinder binder : List.of(
                new JvmMemoryMetrics(),
                new JvmGcMetrics(),
                new JvmThreadMetrics(),
                new ProcessorMetrics(),
                new UptimeMetrics(),
                new LogbackMetrics())) {
            binder.bindTo(registry);
            if (binder instanceof AutoCloseable closeable) {
                binders.add(closeable);
            }
        }
        this.sentryAppender = sentry.enabled() ? attach(sentry.appender()) : null;
    }

    /**
     * @param instance     this keeper's name, the {@code instance} tag (Datadog's host) and Sentry's server name
     * @param tradingState the trading state, for Sentry's context
     */
    public static Monitoring open(
            KeeperConfig config, String instance, StatusBoard board, Supplier<TradingState> tradingState) {
        KeeperConfig.Observability settings = config.observability();
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        registry.config().commonTags("service", SERVICE, "instance", instance);
        PrometheusMeterRegistry prometheus =
                settings.prometheusPort().isPresent() ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : null;
        DatadogMeterRegistry datadog = settings.datadogApiKey()
                .map(key -> DatadogMeterRegistry.builder(datadogConfig(key.reveal(), settings.datadogSite()))
                        .clock(Clock.SYSTEM)
                        .httpClient(new DatadogSender(DATADOG_TIMEOUT))
                        .build())
                .orElse(null);
        Optional.ofNullable(prometheus).ifPresent(registry::add);
        Optional.ofNullable(datadog).ifPresent(registry::add);
        Telemetry telemetry = new Telemetry(registry, board, config.deployment().vaults());
        SentryReporter sentry = SentryReporter.open(
                settings.sentryDsn().map(s -> s.reveal()),
                SERVICE + "@" + version(),
                instance,
                SecretScrubber.of(config),
                tradingState,
                config.vaults().stream()
                        .collect(Collectors.toMap(
                                v -> v.address().toLowerCase(Locale.ROOT), KeeperConfig.Vault::name, (a, b) -> a)));
        return new Monitoring(registry, prometheus, datadog, telemetry, sentry);
    }

    /**
     * The Datadog registry's settings: the API base URL from {@code site} ({@code datadoghq.eu} → {@code
     * https://api.datadoghq.eu}; a site given as a full URL is used as it is, for a proxy or a local endpoint), a
     * one-minute step, the {@code instance} tag as the host.
     */
    static DatadogConfig datadogConfig(String apiKey, String site) {
        String uri = site.contains("://") ? site.replaceAll("/+$", "") : "https://api." + site;
        return new DatadogConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String apiKey() {
                return apiKey;
            }

            @Override
            public String uri() {
                return uri;
            }

            @Override
            public String hostTag() {
                return "instance";
            }

            @Override
            public boolean descriptions() {
                return false;
            }

            @Override
            public Duration step() {
                return Duration.ofMinutes(1);
            }
        };
    }

    /** The keeper's version, as built. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = Monitoring.class.getResourceAsStream("/keeper-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keeper-version.properties", e);
        }
        return properties.getProperty("version", "unknown");
    }

    private static AppenderBase<ILoggingEvent> attach(AppenderBase<ILoggingEvent> appender) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            appender.setContext(context);
            appender.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        }
        return appender;
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus registry, when {@code prometheusPort} is configured. */
    public Optional<PrometheusMeterRegistry> prometheus() {
        return Optional.ofNullable(prometheus);
    }

    public SentryReporter sentry() {
        return sentry;
    }

    /** Risk events to the log, the metrics and the dashboard, and Sentry, in that order. */
    public RiskEvents riskEvents(RiskEvents logged) {
        List<RiskEvents> sinks = List.of(logged, telemetry, sentry);
        return new RiskEvents() {
            @Override
            public void stateChanged(TradingState from, TradingState to, String reason) {
                sinks.forEach(s -> s.stateChanged(from, to, reason));
            }

            @Override
            public void alert(RiskAlert alert) {
                sinks.forEach(s -> s.alert(alert));
            }
        };
    }

    /** Publishes Datadog's last step, flushes Sentry, detaches from logback; safe to call twice. */
    @Override
    public synchronized void close() {
        if (registry.isClosed()) {
            return;
        }
        if (sentryAppender != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(sentryAppender);
            sentryAppender.stop();
        }
        for (AutoCloseable binder : binders) {
            try {
                binder.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Monitoring.class).debug("closing a meter binder: {}", e.toString());
            }
        }
        if (datadog != null) {
            datadog.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        registry.close();
        sentry.close();
    }
}
