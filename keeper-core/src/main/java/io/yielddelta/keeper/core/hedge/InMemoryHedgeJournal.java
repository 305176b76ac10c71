package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link HedgeJournal} in memory, for backtests and tests: nothing survives the process. */
public final class InMemoryHedgeJournal implements HedgeJournal {

    private enum Stage {
        INTENDED,
        UNKNOWN,
        OPEN,
        SETTLED
    }

    private record Entry(HedgeIntent intent, Stage stage, BigDecimal filled) {}

    private final Map<ClientOrderId, Entry> entries = new LinkedHashMap<>();
    /** The unsettled entries, kept apart so {@link #inFlight} costs nothing as the journal grows (backtests). */
    private final Map<ClientOrderId, HedgeIntent> unsettled = new LinkedHashMap<>();

    private final Map<String, BigDecimal> expected = new LinkedHashMap<>();
    private final List<Discrepancy> discrepancies = new ArrayList<>();

    @Override
    public synchronized boolean recordIntent(HedgeIntent intent) {
        if (entries.putIfAbsent(intent.clientId(), new Entry(intent, Stage.INTENDED, BigDecimal.ZERO)) != null) {
            return false;
        }
        unsettled.put(intent.clientId(), intent);
        return true;
    }

    @Override
    public synchronized void recordOrder(ClientOrderId clientId, VenueOrder order) {
        Entry entry = require(clientId);
        BigDecimal newlyFilled = order.filledSize().subtract(entry.filled());
        if (newlyFilled.signum() != 0) {
            expected.merge(
                    key(entry.intent().venue(), order.market()),
                    HedgeVenue.signed(order.side(), newlyFilled),
                    BigDecimal::add);
        }
        Stage stage = order.status().isTerminal() ? Stage.SETTLED : Stage.OPEN;
        put(clientId, new Entry(entry.intent(), stage, order.filledSize()));
    }

    @Override
    public synchronized void recordUnknown(ClientOrderId clientId, String detail) {
        Entry entry = require(clientId);
        put(clientId, new Entry(entry.intent(), Stage.UNKNOWN, entry.filled()));
    }

    @Override
    public synchronized void recordNotPlaced(ClientOrderId clientId, String reason) {
        Entry entry = require(clientId);
        put(clientId, new Entry(entry.intent(), Stage.SETTLED, entry.filled()));
    }

    @Override
    public synchronized Optional<HedgeIntent> intent(ClientOrderId clientId) {
        return Optional.ofNullable(entries.get(clientId)).map(Entry::intent);
    }

    @Override
    public synchronized List<HedgeIntent> inFlight() {
        return List.copyOf(unsettled.values());
    }

    @Override
    public synchronized BigDecimal expectedPosition(String venue, String market) {
        return expected.getOrDefault(key(venue, market), BigDecimal.ZERO);
    }

    @Override
    public synchronized void recordDiscrepancy(Discrepancy discrepancy, boolean adopted) {
        discrepancies.add(discrepancy);
        if (adopted && discrepancy.kind() == Discrepancy.Kind.POSITION && discrepancy.actual() != null) {
            expected.put(key(discrepancy.venue(), discrepancy.market()), discrepancy.actual());
        }
    }

    public synchronized List<Discrepancy> discrepancies() {
        return List.copyOf(discrepancies);
    }

    private void put(ClientOrderId clientId, Entry entry) {
        entries.put(clientId, entry);
        if (entry.stage() == Stage.SETTLED) {
            unsettled.remove(clientId);
        }
    }

    /** How many orders were journaled. */
    public synchronized int size() {
        return entries.size();
    }

    private Entry require(ClientOrderId clientId) {
        Entry entry = entries.get(clientId);
        if (entry == null) {
            throw new IllegalStateException("order " + clientId + " was never journaled");
        }
        return entry;
    }

    private static String key(String venue, String market) {
        return venue + "|" + market;
    }
}
