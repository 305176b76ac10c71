package io.yielddelta.keeper.venues.dydx;

import io.yielddelta.keeper.core.hedge.HedgeIntent;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The keeper's client ids of its dYdX orders, by indexer order id. The chain and the indexer keep only the id's
 * uint32, so the full id comes from the orders this client placed (the last {@value #REMEMBERED} of them) or, after a
 * restart, from the journal's unsettled orders on dYdX, whose indexer ids are computed ({@link DydxOrderIds}): a
 * resting order of the keeper is never taken for a stray.
 */
final class DydxClientIds {

    static final int REMEMBERED = 10_000;

    private final String venue;
    private final String address;
    private final int subaccount;
    private final HedgeJournal journal;
    private final ToIntFunction<String> clobPairOfMarket;
    private final Map<String, ClientOrderId> known = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ClientOrderId> eldest) {
            return size() > REMEMBERED;
        }
    };

    DydxClientIds(
            String venue,
            String address,
            int subaccount,
            HedgeJournal journal,
            ToIntFunction<String> clobPairOfMarket) {
        this.venue = venue;
        this.address = address;
        this.subaccount = subaccount;
        this.journal = journal;
        this.clobPairOfMarket = clobPairOfMarket;
    }

    synchronized void remember(String indexerOrderId, ClientOrderId clientId) {
        known.put(indexerOrderId, clientId);
    }

    /** The keeper's id of an order, or null for an order the keeper did not place (or has settled and forgotten). */
    ClientOrderId of(String indexerOrderId) {
        synchronized (this) {
            ClientOrderId remembered = known.get(indexerOrderId);
            if (remembered != null) {
                return remembered;
            }
        }
        for (HedgeIntent intent : journal.inFlight()) {
            if (intent.venue().equals(venue)) {
                int clobPair = clobPairOfMarket.applyAsInt(intent.request().market()); // listed: it was ordered
                for (int flags : new int[] {DydxOrderIds.SHORT_TERM, DydxOrderIds.LONG_TERM}) {
                    String id = DydxOrderIds.indexerOrderId(
                            address, subaccount, intent.clientId().uint32(), clobPair, flags);
                    remember(id, intent.clientId());
                }
            }
        }
        synchronized (this) {
            return known.get(indexerOrderId);
        }
    }
}
