package io.yielddelta.keeper.venues.coinbase;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One Advanced Trade call before it is signed: method, path under the host, query parameters in order (lists as
 * repeated keys) and the JSON body (null for GET).
 */
record CoinbaseRequest(String method, String path, List<Map.Entry<String, String>> query, String body) {

    CoinbaseRequest {
        query = List.copyOf(query);
    }

    /** The query string as sent, without the leading {@code ?}; empty when there are no parameters. */
    String queryString() {
        return query.stream()
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Path plus query, as it goes after the host. */
    String target() {
        return query.isEmpty() ? path : path + "?" + queryString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
