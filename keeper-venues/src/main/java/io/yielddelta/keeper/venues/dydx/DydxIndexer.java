package io.yielddelta.keeper.venues.dydx;

import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.venues.dydx.dto.FillsResponse;
import io.yielddelta.keeper.venues.dydx.dto.HeightResponse;
import io.yielddelta.keeper.venues.dydx.dto.IndexerFill;
import io.yielddelta.keeper.venues.dydx.dto.IndexerOrder;
import io.yielddelta.keeper.venues.dydx.dto.PerpetualMarket;
import io.yielddelta.keeper.venues.dydx.dto.PerpetualMarketsResponse;
import io.yielddelta.keeper.venues.dydx.dto.PerpetualPosition;
import io.yielddelta.keeper.venues.dydx.dto.PerpetualPositionsResponse;
import io.yielddelta.keeper.venues.dydx.dto.Subaccount;
import io.yielddelta.keeper.venues.dydx.dto.SubaccountResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;

/** The raw indexer REST API (/v4) for the keeper's subaccount, answered in the indexer's own shapes ({@code dto}). */
final class DydxIndexer {

    private static final int FILLS_PAGE_LIMIT = 100;

    private final DydxRestClient rest;
    private final HttpUrl base;
    private final String address;
    private final String subaccountNumber;

    DydxIndexer(DydxRestClient rest, HttpUrl base, String address, int subaccountNumber) {
        this.rest = rest;
        this.base = base;
        this.address = address;
        this.subaccountNumber = Integer.toString(subaccountNumber);
    }

    /** GET /perpetualMarkets: every market, by ticker. */
    Collection<PerpetualMarket> perpetualMarkets() {
        return rest.get(url("perpetualMarkets").build(), PerpetualMarketsResponse.class)
                .markets()
                .values();
    }

    /**
     * GET /perpetualMarkets?ticker=…: the keeper's market, read now.
     *
     * @throws OrderRejectedException if the indexer does not list it
     */
    PerpetualMarket perpetualMarket(String market) {
        String ticker = DydxAdapters.ticker(market);
        HttpUrl url =
                url("perpetualMarkets").addQueryParameter("ticker", ticker).build();
        PerpetualMarket found =
                rest.get(url, PerpetualMarketsResponse.class).markets().get(ticker);
        if (found == null) {
            throw new OrderRejectedException(DydxVenue.NAME, "unknown market " + market);
        }
        return found;
    }

    /** GET /height: the last block the indexer has processed. */
    long height() {
        return Long.parseLong(
                rest.get(url("height").build(), HeightResponse.class).height());
    }

    /** GET /orders/{id}; empty for an id the indexer does not know. */
    Optional<IndexerOrder> order(String indexerOrderId) {
        return rest.find(url("orders", indexerOrderId).build(), IndexerOrder.class);
    }

    /** GET /orders?status=OPEN for the subaccount. */
    List<IndexerOrder> openOrders() {
        return List.of(rest.get(
                ofSubaccount("orders").addQueryParameter("status", "OPEN").build(), IndexerOrder[].class));
    }

    /** GET /perpetualPositions?status=OPEN for the subaccount. */
    List<PerpetualPosition> openPositions() {
        HttpUrl url = ofSubaccount("perpetualPositions")
                .addQueryParameter("status", "OPEN")
                .build();
        return rest.get(url, PerpetualPositionsResponse.class).positions();
    }

    /** GET /addresses/{address}/subaccountNumber/{n}. */
    Subaccount subaccount() {
        return rest.get(
                        url("addresses", address, "subaccountNumber", subaccountNumber)
                                .build(),
                        SubaccountResponse.class)
                .subaccount();
    }

    /** The subaccount's fills at or after {@code since}, oldest first: GET /fills pages newest first, by createdBeforeOrAt. */
    List<IndexerFill> fillsSince(Instant since) {
        List<IndexerFill> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String before = null;
        while (true) {
            HttpUrl.Builder url = ofSubaccount("fills").addQueryParameter("limit", Integer.toString(FILLS_PAGE_LIMIT));
            if (before != null) {
                url.addQueryParameter("createdBeforeOrAt", before);
            }
            List<IndexerFill> page = rest.get(url.build(), FillsResponse.class).fills();
            boolean reachedSince = page.size() < FILLS_PAGE_LIMIT;
            String oldest = before;
            for (IndexerFill f : page) {
                if (Instant.parse(f.createdAt()).isBefore(since)) {
                    reachedSince = true;
                } else if (seen.add(f.id())) {
                    all.add(f);
                }
                oldest = f.createdAt();
            }
            if (reachedSince || oldest == null || oldest.equals(before)) {
                break;
            }
            before = oldest;
        }
        all.sort(Comparator.comparing(f -> Instant.parse(f.createdAt())));
        return all;
    }

    private HttpUrl.Builder ofSubaccount(String resource) {
        return url(resource)
                .addQueryParameter("address", address)
                .addQueryParameter("subaccountNumber", subaccountNumber);
    }

    private HttpUrl.Builder url(String... segments) {
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        return b;
    }
}
