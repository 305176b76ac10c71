package io.yielddelta.keeper.app.venue;

/** One configured venue, typed by its kind: what its plugin read from the deployment file. */
public sealed interface VenueSpec
        permits HyperliquidPlugin.Spec, DydxPlugin.Spec, CoinbasePlugin.Spec, PaperPlugin.Spec {

    /** The venue's name in the deployment file (the key under {@code venues}). */
    String name();
}
