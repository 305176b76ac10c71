package io.yielddelta.keeper.app.venue;

import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;

/**
 * The venue plugins, and the production {@link VenueSource}: each configured venue's client built by its plugin from
 * its typed spec, all on one HTTP client. Nothing is sent while building, except that the clients read public
 * metadata on first use.
 */
public final class VenueFactory implements VenueSource {

    static final HyperliquidPlugin HYPERLIQUID = new HyperliquidPlugin();
    static final DydxPlugin DYDX = new DydxPlugin();
    static final CoinbasePlugin COINBASE = new CoinbasePlugin();
    static final PaperPlugin PAPER = new PaperPlugin();

    /** Every venue type a deployment file may name, by its {@code type}. */
    public static final Map<String, VenuePlugin<?>> PLUGINS =
            List.<VenuePlugin<?>>of(HYPERLIQUID, DYDX, COINBASE, PAPER).stream()
                    .collect(Collectors.toUnmodifiableMap(VenuePlugin::type, Function.identity()));

    private final Clock clock;
    private final OkHttpClient http = new OkHttpClient();

    public VenueFactory(Clock clock) {
        this.clock = clock;
    }

    /** @throws IllegalArgumentException naming the venue and what is wrong (never a secret's value) */
    @Override
    public HedgeVenue open(VenueSpec spec, HedgeJournal journal) {
        VenuePlugin.Clients clients = new VenuePlugin.Clients(clock, http, journal);
        return switch (spec) {
            case HyperliquidPlugin.Spec s -> HYPERLIQUID.open(s, clients);
            case DydxPlugin.Spec s -> DYDX.open(s, clients);
            case CoinbasePlugin.Spec s -> COINBASE.open(s, clients);
            case PaperPlugin.Spec s -> PAPER.open(s, clients);
        };
    }
}
