package io.yielddelta.keeper.app.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Everything the process logs while open, encoded both ways the keeper writes its console: the readable text lines
 * and the JSON lines of production.
 */
public final class CapturedLog implements AutoCloseable {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Encoder<ILoggingEvent> text = LogFormat.encoder("text", context);
    private final Encoder<ILoggingEvent> json = LogFormat.encoder("json", context);
    public final List<String> textLines = new CopyOnWriteArrayList<>();
    public final List<String> jsonLines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            textLines.add(new String(text.encode(event), StandardCharsets.UTF_8));
            jsonLines.add(new String(json.encode(event), StandardCharsets.UTF_8));
        }
    };

    public CapturedLog() {
        appender.setContext(context);
        appender.setName("captured");
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @Override
    public void close() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }
}
