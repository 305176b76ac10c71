package io.yielddelta.keeper.app.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * The console's format, chosen by the deployment file's {@code observability.logFormat}: {@code json} (one
 * {@link JsonLogEncoder} object per line, for production) or {@code text} (readable lines, for the sandbox and a
 * terminal). {@code logback.xml} starts in text; the daemon switches once its configuration is read.
 */
public final class LogFormat {

    /** The readable line: time, level, logger, the message, then the structured key-values. */
    public static final String TEXT_PATTERN =
            "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%replace( %kvp){\"^ $\", \"\"}%n";

    private LogFormat() {}

    /** @param format {@code json} or {@code text} (validated by the configuration loader) */
    public static void apply(String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender("CONSOLE");
        if (!(console instanceof OutputStreamAppender<ILoggingEvent> appender)) {
            return;
        }
        Encoder<ILoggingEvent> encoder = encoder(format, context);
        appender.stop();
        appender.setEncoder(encoder);
        appender.start();
    }

    static Encoder<ILoggingEvent> encoder(String format, LoggerContext context) {
        if (format.equals("json")) {
            JsonLogEncoder json = new JsonLogEncoder();
            json.setContext(context);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }
}
