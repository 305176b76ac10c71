package io.yielddelta.keeper.venues.dydx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.venues.dydx.dto.BroadcastTxRequest;
import io.yielddelta.keeper.venues.dydx.dto.BroadcastTxResponse;
import io.yielddelta.keeper.venues.transport.VenueHttp;
import java.io.IOException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The raw dYdX services: GETs to the indexer and a node's REST gateway (reads), and the broadcast of a signed
 * transaction (an action). What an HTTP answer means is {@link VenueHttp}'s one rule; refusals carry the indexer's
 * {@code {"errors":[{"msg":…}]}} or the gateway's {@code {"code":…,"message":…}}.
 */
final class DydxRestClient {

    private final String venue;
    private final VenueHttp http;
    private final ObjectMapper json;

    DydxRestClient(String venue, VenueHttp http, ObjectMapper json) {
        this.venue = venue;
        this.http = http;
        this.json = json;
    }

    <T> T get(HttpUrl url, Class<T> type) {
        return json.convertValue(http.read(() -> new Request.Builder().url(url).get().build()), type);
    }

    /** A GET whose 404 means "no such thing" (an order id the indexer does not know). */
    <T> Optional<T> find(HttpUrl url, Class<T> type) {
        return http.find(() -> new Request.Builder().url(url).get().build()).map(body -> json.convertValue(body, type));
    }

    /** POST /cosmos/tx/v1beta1/txs in sync mode; the CheckTx outcome is the caller's to read. */
    BroadcastTxResponse broadcast(HttpUrl url, String txBase64, ClientOrderId clientId) {
        Request request = new Request.Builder().url(url).post(VenueHttp.json(write(BroadcastTxRequest.sync(txBase64)))).build();
        BroadcastTxResponse response = json.convertValue(http.act(request, clientId), BroadcastTxResponse.class);
        if (response.txResponse() == null) {
            throw new UnknownOutcomeException(venue, clientId, new IOException("broadcast answer without tx_response"));
        }
        return response;
    }

    /** The indexer answers {"errors":[{"msg":…}]}; the gateway {"code":…,"message":…}; otherwise the raw text. */
    static String errorMessage(ObjectMapper json, String text) {
        try {
            JsonNode body = json.readTree(text);
            if (body.path("errors").isArray() && !body.path("errors").isEmpty()) {
                StringBuilder out = new StringBuilder();
                body.path("errors").forEach(e -> out.append(out.isEmpty() ? "" : "; ").append(e.path("msg").asText(e.toString())));
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
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
