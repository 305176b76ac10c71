package io.yielddelta.keeper.venues.dydx;

import io.yielddelta.keeper.core.hedge.HedgeIntent;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When an order the indexer does not know was never placed. A short-term order's transaction can wait in a mempool
 * and be placed by any block up to the order's good-til block, so right after an unknown outcome "not found" says
 * nothing; it means "never placed" only once the indexer has processed a block past the good-til block. Until then
 * the order's outcome stays unknown ({@link UnknownOutcomeException}), and the reconciler keeps it in flight.
 *
 * <p>The good-til block of a short-term order this client broadcast is remembered (the last {@value #REMEMBERED}).
 * After a restart the journal's order in flight is bounded instead: no short-term order broadcast before now can name
 * a block beyond the node's height now plus the chain's short block window.
 *
 * <p>Stateful orders keep the plain rule (not found is never placed): their transaction lands within a block or two
 * when it lands at all, while their good-til time is weeks away; the keeper's hedges are all short-term IOCs.
 */
final class DydxPendingOrders {

    static final int REMEMBERED = 10_000;

    private final HedgeJournal journal;
    private final DydxIndexer indexer;
    private final DydxNode node;
    private final Map<ClientOrderId, Long> lastBlock = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ClientOrderId, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    DydxPendingOrders(HedgeJournal journal, DydxIndexer indexer, DydxNode node) {
        this.journal = journal;
        this.indexer = indexer;
        this.node = node;
    }

    /** A short-term order about to be broadcast, which any block up to {@code goodTilBlock} may place. */
    synchronized void broadcasting(ClientOrderId clientId, long goodTilBlock) {
        lastBlock.put(clientId, goodTilBlock);
    }

    /** The order is at the indexer, or was refused: the indexer answers for it from now on. */
    synchronized void settled(ClientOrderId clientId) {
        lastBlock.remove(clientId);
    }

    /**
     * Called when the indexer does not know the order: returns if it can no longer be placed (never placed).
     *
     * @throws UnknownOutcomeException while a block may still place it
     */
    void requireNoLongerPlaceable(ClientOrderId clientId) {
        Long last = lastBlockOf(clientId);
        if (last == null) {
            return;
        }
        long indexed = indexer.height();
        if (indexed > last) {
            settled(clientId);
            return;
        }
        throw new UnknownOutcomeException(
                DydxVenue.NAME,
                clientId,
                new IllegalStateException("not at the indexer " + "(at block " + indexed + ") while block " + last
                        + " may still place it"));
    }

    private Long lastBlockOf(ClientOrderId clientId) {
        synchronized (this) {
            Long last = lastBlock.get(clientId);
            if (last != null) {
                return last;
            }
        }
        for (HedgeIntent intent : journal.inFlight()) {
            if (intent.venue().equals(DydxVenue.NAME)
                    && intent.clientId().equals(clientId)
                    && DydxOrderSigner.isShortTerm(intent.request().type())) {
                long bound = node.latestHeight() + DydxOrderSigner.MAX_SHORT_TERM_BLOCKS;
                broadcasting(clientId, bound);
                return bound;
            }
        }
        return null;
    }
}
