package io.yielddelta.keeper.venues.hyperliquid;

import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.venues.MarketListing;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidRestClient.MetaAndAssetCtxs;
import io.yielddelta.keeper.venues.hyperliquid.dto.AssetCtx;
import io.yielddelta.keeper.venues.hyperliquid.dto.AssetMeta;
import io.yielddelta.keeper.venues.hyperliquid.dto.Meta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyperliquid's perpetuals: each one's asset index and size decimals, read once (orders name the asset by index), and
 * its live context (mark, oracle, funding), read fresh each time it is asked for.
 */
final class HyperliquidMarkets {

    /** A perpetual's asset index (its position in meta's universe) and metadata. */
    record Asset(int index, AssetMeta meta) {}

    private final HyperliquidRestClient rest;
    private final MarketListing<Asset> assets;

    HyperliquidMarkets(HyperliquidRestClient rest) {
        this.rest = rest;
        this.assets = new MarketListing<>(HyperliquidVenue.NAME, this::readAssets);
    }

    /** Every perpetual that is not delisted, with the tick at its current mark. */
    List<Instrument> instruments() {
        MetaAndAssetCtxs reply = rest.metaAndAssetCtxs();
        List<Instrument> instruments = new ArrayList<>();
        for (int i = 0; i < reply.meta().universe().size(); i++) {
            AssetMeta asset = reply.meta().universe().get(i);
            if (!Boolean.TRUE.equals(asset.isDelisted())) {
                instruments.add(HyperliquidAdapters.instrument(
                        asset, reply.assetCtxs().get(i).markPx()));
            }
        }
        return instruments;
    }

    Instrument instrument(String market) {
        return HyperliquidAdapters.instrument(
                asset(market).meta(), assetCtx(market).markPx());
    }

    /** @throws OrderRejectedException if the venue does not list the market */
    Asset asset(String market) {
        return assets.get(market);
    }

    /** The market's live context, read now. */
    AssetCtx assetCtx(String market) {
        MetaAndAssetCtxs reply = rest.metaAndAssetCtxs();
        for (int i = 0; i < reply.meta().universe().size(); i++) {
            if (reply.meta().universe().get(i).name().equals(market)) {
                return reply.assetCtxs().get(i);
            }
        }
        throw new OrderRejectedException(HyperliquidVenue.NAME, "unknown market " + market);
    }

    private Map<String, Asset> readAssets() {
        Meta meta = rest.meta();
        Map<String, Asset> byName = new LinkedHashMap<>();
        for (int i = 0; i < meta.universe().size(); i++) {
            byName.put(
                    meta.universe().get(i).name(), new Asset(i, meta.universe().get(i)));
        }
        return byName;
    }
}
