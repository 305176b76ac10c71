package io.yielddelta.keeper.app.config;

import java.util.Optional;
import org.quartz.CronExpression;

/** The small sections around the keeper's work: {@code schedule}, {@code admin} and {@code observability}. */
final class OperationsSections {

    static final String HOURLY = "0 0 * * * ?";

    private OperationsSections() {}

    static KeeperConfig.Schedule schedule(Optional<YamlMap> section) {
        String cron = section.flatMap(s -> cron(s, "defaultCron")).orElse(HOURLY);
        section.ifPresent(YamlMap::finish);
        return new KeeperConfig.Schedule(cron);
    }

    /** A Quartz cron expression, e.g. {@code "0 0 * * * ?"} (every hour on the hour). */
    static Optional<String> cron(YamlMap m, String key) {
        return m.string(key, false).filter(c -> {
            if (CronExpression.isValidExpression(c)) {
                return true;
            }
            m.problem(
                    key,
                    "expected a Quartz cron expression (seconds minutes hours day-of-month month day-of-week),"
                            + " e.g. \"0 0 * * * ?\"");
            return false;
        });
    }

    static Optional<KeeperConfig.Admin> admin(YamlMap m) {
        String bind = m.string("bind", false).orElse("127.0.0.1");
        Optional<Long> port = m.integer("port", true, 1, 65_535);
        Optional<Secret> token = bearerToken(m);
        m.finish();
        return port.flatMap(p -> token.map(t -> new KeeperConfig.Admin(bind, p.intValue(), t)));
    }

    /** A required {@code token} a client sends as its bearer token: 24 characters or more. */
    static Optional<Secret> bearerToken(YamlMap m) {
        return m.secret("token", true).filter(t -> {
            if (t.reveal().length() >= 24) {
                return true;
            }
            m.problem("token", "must be at least 24 characters");
            return false;
        });
    }

    static KeeperConfig.Observability observability(Optional<YamlMap> section) {
        if (section.isEmpty()) {
            return new KeeperConfig.Observability(
                    "json", Optional.empty(), Optional.empty(), Optional.empty(), "datadoghq.com");
        }
        YamlMap m = section.get();
        String format = m.string("logFormat", false).orElse("json");
        if (!format.equals("json") && !format.equals("text")) {
            m.problem("logFormat", "expected json or text");
        }
        Optional<Secret> sentry =
                m.secret("sentryDsn", false).filter(s -> !s.reveal().isEmpty());
        Optional<Integer> port = m.integer("prometheusPort", false, 1, 65_535).map(Long::intValue);
        Optional<YamlMap> datadog = m.map("datadog", false);
        Optional<Secret> ddKey = datadog.flatMap(d -> d.secret("apiKey", true));
        String site = datadog.flatMap(d -> d.string("site", false)).orElse("datadoghq.com");
        datadog.ifPresent(YamlMap::finish);
        m.finish();
        return new KeeperConfig.Observability(format, sentry, port, ddKey, site);
    }
}
