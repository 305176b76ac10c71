package io.yielddelta.keeper.venues.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.venues.transport.Backoff;
import io.yielddelta.keeper.venues.transport.VenueStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * Advanced Trade's WebSocket messages on the shared {@link VenueStream}: every subscribe message carries a fresh JWT;
 * the {@code heartbeats} channel, subscribed on every connection, keeps the others open and lets a silent connection be
 * noticed ({@code staleAfter}) and replaced.
 */
final class CoinbaseStream extends VenueStream<CoinbaseStream.Topic> {

    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(30);

    /** A channel subscription; {@code productIds} empty for account-wide channels (user). */
    record Topic(String channel, List<String> productIds) {
        Topic {
            productIds = List.copyOf(productIds);
        }
    }

    private final CdpJwtSigner signer;

    CoinbaseStream(OkHttpClient http, String url, CdpJwtSigner signer, Duration reconnectDelay, Duration staleAfter) {
        super(
                CoinbaseRestClient.VENUE,
                http,
                url,
                new Settings(
                        new Backoff(
                                reconnectDelay,
                                MAX_RECONNECT_DELAY.compareTo(reconnectDelay) < 0
                                        ? reconnectDelay
                                        : MAX_RECONNECT_DELAY),
                        staleAfter,
                        null));
        this.signer = signer;
    }

    HedgeVenue.Subscription subscribe(String channel, List<String> productIds, Consumer<JsonNode> onMessage) {
        return subscribe(new Topic(channel, productIds), onMessage);
    }

    @Override
    protected List<String> onOpenMessages() {
        return List.of(message("subscribe", new Topic("heartbeats", List.of())));
    }

    @Override
    protected boolean matches(Topic topic, JsonNode message) {
        return topic.channel().equals(message.path("channel").asText());
    }

    @Override
    protected String error(JsonNode message) {
        return "error".equals(message.path("type").asText())
                ? message.path("message").asText()
                : null;
    }

    @Override
    protected String message(String type, Topic topic) {
        ObjectNode node = CoinbaseJson.mapper().createObjectNode();
        node.put("type", type);
        if (!topic.productIds().isEmpty()) {
            topic.productIds().forEach(node.putArray("product_ids")::add);
        }
        node.put("channel", topic.channel());
        node.put("jwt", signer.webSocketToken());
        return node.toString();
    }
}
