package io.yielddelta.keeper.venues.hyperliquid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.venues.transport.Backoff;
import io.yielddelta.keeper.venues.transport.VenueStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * Hyperliquid's WebSocket messages on the shared {@link VenueStream}: {@code {"method":"subscribe","subscription":…}},
 * messages routed by {@code channel} (and {@code data.coin} where a subscription names a coin), errors on the
 * {@code error} channel, and a {@code {"method":"ping"}} every ping interval, since the server drops connections
 * silent for 60 s; a connection that has said nothing, not even a pong, for two intervals is replaced.
 */
final class HyperliquidStream extends VenueStream<HyperliquidStream.Topic> {

    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);

    /** One subscription: its request object, the channel its messages arrive on, and the coin they name (or null). */
    record Topic(Map<String, Object> subscription, String channel, String coin) {}

    private final ObjectMapper json;

    HyperliquidStream(
            OkHttpClient http, String url, ObjectMapper json, Duration pingInterval, Duration reconnectDelay) {
        super(
                HyperliquidVenue.NAME,
                http,
                url,
                new Settings(
                        new Backoff(reconnectDelay, MAX_RECONNECT_DELAY), pingInterval.multipliedBy(2), pingInterval));
        this.json = json;
    }

    /** Routes the {@code data} of every message of the topic to the handler. */
    HedgeVenue.Subscription subscribe(
            Map<String, Object> subscription, String channel, String coin, Consumer<JsonNode> handler) {
        return subscribe(
                new Topic(new LinkedHashMap<>(subscription), channel, coin), m -> handler.accept(m.path("data")));
    }

    @Override
    protected boolean matches(Topic topic, JsonNode message) {
        return topic.channel().equals(message.path("channel").asText())
                && (topic.coin() == null
                        || topic.coin().equals(message.path("data").path("coin").asText()));
    }

    @Override
    protected String error(JsonNode message) {
        return "error".equals(message.path("channel").asText())
                ? message.path("data").asText()
                : null;
    }

    @Override
    protected String ping() {
        return "{\"method\":\"ping\"}";
    }

    @Override
    protected String message(String method, Topic topic) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("method", method);
        message.put("subscription", topic.subscription());
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise subscription", e);
        }
    }
}
