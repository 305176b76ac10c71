package io.yielddelta.keeper.app.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line, for log shippers (Datadog's agent, journald, Loki): {@code timestamp} (ISO-8601 UTC),
 * {@code level}, {@code logger}, {@code thread}, {@code message}, then each structured key-value of the line as a field
 * of its own ({@code decision_id}, {@code vault}, {@code venue}…), the MDC, and {@code exception} with the stack trace.
 * A key that would overwrite one of the fixed fields is written as {@code kv_<key>}.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> FIXED = Set.of("timestamp", "level", "logger", "thread", "message", "exception");
    private static final byte[] NEWLINE = {'\n'};

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(
                    "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("message", event.getFormattedMessage());
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            if (pairs != null) {
                for (KeyValuePair pair : pairs) {
                    json.writeFieldName(FIXED.contains(pair.key) ? "kv_" + pair.key : pair.key);
                    write(json, pair.value);
                }
            }
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null) {
                for (Map.Entry<String, String> entry : mdc.entrySet()) {
                    json.writeStringField(
                            FIXED.contains(entry.getKey()) ? "kv_" + entry.getKey() : entry.getKey(), entry.getValue());
                }
            }
            if (event.getThrowableProxy() != null) {
                json.writeStringField("exception", ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a JSON log line", e);
        }
        out.writeBytes(NEWLINE);
        return out.toByteArray();
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case Boolean b -> json.writeBoolean(b);
            case Integer i -> json.writeNumber(i);
            case Long l -> json.writeNumber(l);
            case java.math.BigDecimal d -> json.writeNumber(d);
            case java.math.BigInteger i -> json.writeNumber(i);
            case Double d when Double.isFinite(d) -> json.writeNumber(d);
            case Collection<?> items -> {
                json.writeStartArray();
                for (Object item : items) {
                    write(json, item);
                }
                json.writeEndArray();
            }
            default -> json.writeString(value.toString());
        }
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
