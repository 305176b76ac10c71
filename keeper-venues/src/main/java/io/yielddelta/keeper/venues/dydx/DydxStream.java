package io.yielddelta.keeper.venues.dydx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.venues.transport.Backoff;
import io.yielddelta.keeper.venues.transport.VenueHttp;
import io.yielddelta.keeper.venues.transport.VenueStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * The dYdX indexer's WebSocket messages on the shared {@link VenueStream}: {@code {"type":"subscribe","channel":…,
 * "id":…}}, messages routed by channel and id, a batched message delivered as one message per contents. The indexer
 * pings; the client pings too (WebSocket frames) and a connection whose pong does not come back is replaced. Its
 * "subscribed" snapshot carries state, not the fills made while the keeper was away: those are read through REST.
 */
final class DydxStream extends VenueStream<DydxStream.Topic> {

    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
    private static final Duration PING_EVERY = Duration.ofSeconds(30);

    /** @param id the channel's id ({@code address/subaccountNumber} for v4_subaccounts), null for v4_markets */
    record Topic(String channel, String id) {}

    /** What a subscription receives: the message type (subscribed, channel_data) and its contents. */
    record Message(String type, JsonNode contents) {}

    DydxStream(OkHttpClient http, String url, Duration reconnectDelay) {
        super(
                DydxVenue.NAME,
                http.newBuilder().pingInterval(PING_EVERY).build(),
                url,
                new Settings(new Backoff(reconnectDelay, MAX_RECONNECT_DELAY), null, null));
    }

    HedgeVenue.Subscription subscribe(String channel, String id, Consumer<Message> handler) {
        return subscribe(new Topic(channel, id), message -> {
            String type = message.path("type").asText();
            if ("channel_batch_data".equals(type)) {
                message.path("contents").forEach(c -> handler.accept(new Message("channel_data", c)));
            } else {
                handler.accept(new Message(type, message.path("contents")));
            }
        });
    }

    @Override
    protected boolean matches(Topic topic, JsonNode message) {
        String id = message.hasNonNull("id") ? message.path("id").asText() : null;
        return topic.channel().equals(message.path("channel").asText())
                && (topic.id() == null || Objects.equals(topic.id(), id));
    }

    @Override
    protected String error(JsonNode message) {
        return "error".equals(message.path("type").asText())
                ? message.path("message").asText()
                : null;
    }

    @Override
    protected String message(String type, Topic topic) {
        ObjectNode message =
                VenueHttp.mapper().createObjectNode().put("type", type).put("channel", topic.channel());
        if (topic.id() != null) {
            message.put("id", topic.id());
        }
        return message.toString();
    }
}
