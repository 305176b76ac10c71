package io.yielddelta.keeper.app.observability;

import io.micrometer.core.ipc.http.HttpSender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends the Datadog registry's requests with the API key in the {@code DD-API-KEY} header instead of the
 * {@code api_key} query parameter Micrometer puts it in: a URL ends up in exception messages and proxy logs, a header
 * does not.
 */
final class DatadogSender implements HttpSender {

    private final HttpClient http;
    private final Duration timeout;

    DatadogSender(Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
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
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target)).timeout(timeout)
                .method(request.getMethod().name(), request.getEntity().length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.getEntity()));
        request.getRequestHeaders().forEach(builder::header);
        if (apiKey != null) {
            builder.header("DD-API-KEY", apiKey);
        }
        // The key is out of the URL now, so the client's own errors (which name the URL) are safe to pass on.
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
