package io.yielddelta.keeper.venues.dydx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.venues.transport.VenueHttp;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * JSON over the shared {@link VenueHttp} for dYdX's two services, the indexer ({@link DydxIndexer}) and a node's REST
 * gateway ({@link DydxNode}): GETs are reads, a broadcast is an action. What an HTTP answer means is VenueHttp's one
 * rule; refusals carry the indexer's {@code {"errors":[{"msg":…}]}} or the gateway's {@code {"code":…,"message":…}}.
 */
final class DydxRestClient {

    private final VenueHttp http;
    private final ObjectMapper json;

    DydxRestClient(VenueHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    <T> T get(HttpUrl url, Class<T> type) {
        return json.convertValue(
                http.read(() -> new Request.Builder().url(url).get().build()), type);
    }

    /** A GET whose 404 means "no such thing" (an order id the indexer does not know). */
    <T> Optional<T> find(HttpUrl url, Class<T> type) {
        return http.find(() -> new Request.Builder().url(url).get().build()).map(body -> json.convertValue(body, type));
    }

    /** A POST of {@code body}, sent at most once. */
    <T> T act(HttpUrl url, Object body, Class<T> type, ClientOrderId clientId) {
        Request request =
                new Request.Builder().url(url).post(VenueHttp.json(write(body))).build();
        return json.convertValue(http.act(request, clientId), type);
    }

    /** The indexer answers {"errors":[{"msg":…}]}; the gateway {"code":…,"message":…}; otherwise the raw text. */
    static String errorMessage(ObjectMapper json, String text) {
        try {
            JsonNode body = json.readTree(text);
            if (body.path("errors").isArray() && !body.path("errors").isEmpty()) {
                StringBuilder out = new StringBuilder();
                body.path("errors")
                        .forEach(e -> out.append(out.isEmpty() ? "" : "; ")
                                .append(e.path("msg").asText(e.toString())));
                return out.toString();
            }
            if (body.hasNonNull("message")) {
                return body.path("message").asText();
            }
        } catch (JsonProcessingException notJson) {
            // fall through to the raw text
        }
        return text;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
