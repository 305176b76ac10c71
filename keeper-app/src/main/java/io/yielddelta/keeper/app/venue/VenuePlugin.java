package io.yielddelta.keeper.app.venue;

import io.yielddelta.keeper.app.config.YamlMap;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import java.time.Clock;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * One kind of venue: the {@code type} it is configured with, the reader of its fields (every problem reported with its
 * line, nothing thrown), and the builder of its client from the typed spec. Building sends nothing.
 */
public interface VenuePlugin<S extends VenueSpec> {

    String type();

    /** @return empty when a problem was reported */
    Optional<S> read(String name, YamlMap m);

    /** @throws IllegalArgumentException naming the venue and what is wrong (never a secret's value) */
    HedgeVenue open(S spec, Clients clients);

    /** What every client is built with: the keeper's clock, its one HTTP client, and the hedge journal. */
    record Clients(Clock clock, OkHttpClient http, HedgeJournal journal) {}

    /** Trailing slashes would double up in the clients' path joins. */
    static String endpoint(java.net.URI uri) {
        return uri.toString().replaceAll("/+$", "");
    }
}
