package io.yielddelta.keeper.venues;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP request exactly as a venue client would send it, built and signed but not sent: what {@code keeper venue
 * preview} prints for ops to check before going live. Header values that carry credentials are already masked.
 *
 * @param signature the signature fields (r, s, v, JWT parts, tx bytes…) as the venue sees them, for comparison with
 *                  another implementation
 */
public record PreparedRequest(
        String method, String url, Map<String, String> headers, String body, Map<String, String> signature) {

    public PreparedRequest {
        headers = Map.copyOf(new LinkedHashMap<>(headers));
        signature = Map.copyOf(new LinkedHashMap<>(signature));
    }
}
