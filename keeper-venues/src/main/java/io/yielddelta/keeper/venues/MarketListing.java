package io.yielddelta.keeper.venues;

import io.yielddelta.keeper.core.venue.OrderRejectedException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A venue's listed markets under the keeper's names, read on first use and kept; a market the last read did not list
 * is read again once (it may have been listed since) before it is refused.
 *
 * @param <T> what the venue needs to know of one market (asset index, quantizer…)
 */
public final class MarketListing<T> {

    private final String venue;
    private final Supplier<Map<String, T>> read;
    private volatile Map<String, T> listed;

    /** @param read the venue's markets by the keeper's name, in the venue's order */
    public MarketListing(String venue, Supplier<Map<String, T>> read) {
        this.venue = venue;
        this.read = read;
    }

    public Map<String, T> all() {
        Map<String, T> markets = listed;
        if (markets == null) {
            markets = Collections.unmodifiableMap(new LinkedHashMap<>(read.get()));
            listed = markets;
        }
        return markets;
    }

    /** @throws OrderRejectedException if the venue does not list the market */
    public T get(String market) {
        T found = all().get(market);
        if (found == null) {
            listed = null;
            found = all().get(market);
        }
        if (found == null) {
            throw new OrderRejectedException(venue, "unknown market " + market);
        }
        return found;
    }
}
