package io.yielddelta.keeper.app.venue;

import io.yielddelta.keeper.app.config.YamlMap;
import io.yielddelta.keeper.core.hedge.InMemoryHedgeJournal;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * {@code venues}: each venue by name, read by the plugin of its {@code type}. With key checks on (validate-config)
 * each client is also built — keys decrypted, PEM files parsed, dYdX addresses derived — and closed, connecting to
 * nothing, so a file that {@code run} cannot run is refused at its line.
 */
public final class VenuesSection {

    private VenuesSection() {}

    /** @param simulated whether {@code type: paper} is allowed (the sandbox's own deployment file) */
    public static Map<String, VenueSpec> read(YamlMap m, boolean simulated) {
        Map<String, VenueSpec> venues = new LinkedHashMap<>();
        OkHttpClient http = m.context().checkKeys() ? new OkHttpClient() : null;
        for (String name : m.keys()) {
            m.map(name, true).flatMap(v -> venue(name, v, simulated, http)).ifPresent(spec -> venues.put(name, spec));
        }
        m.finish();
        return venues;
    }

    private static Optional<VenueSpec> venue(String name, YamlMap m, boolean simulated, OkHttpClient http) {
        Optional<VenuePlugin<?>> plugin = m.string("type", true).flatMap(type -> {
            VenuePlugin<?> found = VenueFactory.PLUGINS.get(type);
            if (found == null) {
                m.problem(
                        "type",
                        "expected one of "
                                + VenueFactory.PLUGINS.keySet().stream()
                                        .sorted()
                                        .toList());
            } else if (found == VenueFactory.PAPER && !simulated) {
                m.problem("type", "paper is simulated: only the sandbox and the backtest hedge on it, not `run`");
                found = null;
            }
            return Optional.ofNullable(found);
        });
        if (plugin.isEmpty()) {
            m.keys().forEach(m::raw); // the fields of an unknown type are not checked one by one
            m.finish();
            return Optional.empty();
        }
        return read(plugin.get(), name, m, http);
    }

    private static <S extends VenueSpec> Optional<VenueSpec> read(
            VenuePlugin<S> plugin, String name, YamlMap m, OkHttpClient http) {
        Optional<S> spec = plugin.read(name, m);
        if (spec.isPresent() && http != null) {
            try (HedgeVenue unused = plugin.open(
                    spec.get(), new VenuePlugin.Clients(Clock.systemUTC(), http, new InMemoryHedgeJournal()))) {
                // Built and closed: its keys load, and it connected to nothing.
            } catch (IllegalArgumentException e) {
                m.problem("type", "the client cannot be built: " + e.getMessage());
                return Optional.empty();
            }
        }
        return spec.map(VenueSpec.class::cast);
    }
}
