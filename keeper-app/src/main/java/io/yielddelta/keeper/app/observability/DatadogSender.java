package io.yielddelta.keeper.app.observability;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.micrometer.core.ipc.http.HttpSender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Sends the Datadog registry's requests with the API key in the {@code DD-API-KEY} header instead of the
 * {@code api_key} query parameter Micrometer puts it in: a URL ends up in exception messages and proxy logs, a header
 * does not. Series whose value is not a number (a JVM gauge before its first reading writes {@code NaN}, which is not
 * JSON) are left out, so that the rest of the batch is accepted.
 */
final class DatadogSender implements HttpSender {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final HttpClient http;
    private final Duration timeout;

    DatadogSender(Duration timeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        this.timeout = timeout;
    }

    @Override
    public Response send(Request request) throws IOException, InterruptedException {
        URI uri = URI.create(request.getUrl().toString());
        List<String> query = new ArrayList<>();
        String apiKey = null;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.startsWith("api_key=")) {
                    apiKey = pair.substring("api_key=".length());
                } else {
                    query.add(pair);
                }
            }
        }
        String target = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()
                + (query.isEmpty() ? "" : "?" + String.join("&", query));
        byte[] entity = uri.getRawPath().endsWith("/series") ? finiteOnly(request.getEntity()) : request.getEntity();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target))
                .timeout(timeout)
                .method(
                        request.getMethod().name(),
                        entity.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(entity));
        request.getRequestHeaders().forEach(builder::header);
        if (apiKey != null) {
            builder.header("DD-API-KEY", apiKey);
        }
        // The key is out of the URL now, so the client's own errors (which name the URL) are safe to pass on.
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    static byte[] finiteOnly(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (!(root.get("series") instanceof ArrayNode series)) {
            return body;
        }
        boolean dropped = false;
        for (Iterator<JsonNode> it = series.elements(); it.hasNext(); ) {
            JsonNode point = it.next().at("/points/0/1");
            if (point.isMissingNode() || !Double.isFinite(point.asDouble())) {
                it.remove();
                dropped = true;
            }
        }
        return dropped ? JSON.writeValueAsBytes(root) : body;
    }
}
