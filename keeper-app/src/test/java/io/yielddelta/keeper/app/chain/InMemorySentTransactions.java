package io.yielddelta.keeper.app.chain;

import io.yielddelta.keeper.core.chain.SentTransaction;
import io.yielddelta.keeper.core.chain.SentTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The journal for tests: a list, shared between "restarts" by handing the same instance to a new manager. */
public final class InMemorySentTransactions implements SentTransactions {

    private final List<SentTransaction> rows = new ArrayList<>();

    @Override
    public synchronized void record(SentTransaction transaction) {
        rows.add(transaction);
    }

    @Override
    public synchronized OptionalLong highestNonce(String sender, long chainId) {
        return rows.stream()
                .filter(t -> t.sender().equalsIgnoreCase(sender) && t.chainId() == chainId)
                .mapToLong(SentTransaction::nonce)
                .max();
    }

    @Override
    public synchronized List<SentTransaction> atNonce(String sender, long chainId, long nonce) {
        return rows.stream()
                .filter(t -> t.sender().equalsIgnoreCase(sender) && t.chainId() == chainId && t.nonce() == nonce)
                .toList();
    }

    public synchronized List<SentTransaction> all() {
        return List.copyOf(rows);
    }
}
