package io.yielddelta.keeper.core.testing;

import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.chain.TransactionStatus;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chain for core unit tests: vault states are set by the test, the vault's nonce-once rule is enforced, and a
 * broadcast can be made to "crash" right after the before-broadcast hook.
 */
public final class ScriptedChainGateway implements ChainGateway {

    public final Map<String, VaultState> vaults = new HashMap<>();
    public final Set<String> unreadable = new HashSet<>();
    public final List<RebalanceOrder> broadcast = new ArrayList<>();
    public final Set<BigInteger> usedRebalanceNonces = new HashSet<>();
    public final Map<String, TransactionStatus> statuses = new HashMap<>();
    public int readCalls;
    public boolean crashAfterRecord;
    public TransactionStatus.State outcome = TransactionStatus.State.CONFIRMED;
    private long nextNonce;

    @Override
    public List<VaultReading> readVaults(List<String> addresses) {
        readCalls++;
        return addresses.stream()
                .<VaultReading>map(a -> unreadable.contains(a)
                        ? new VaultReading.Unreadable(a, "execution reverted")
                        : new VaultReading.Observed(vaults.get(a)))
                .toList();
    }

    @Override
    public SubmittedTransaction submitRebalance(RebalanceOrder order, BeforeBroadcast beforeBroadcast) {
        SubmittedTransaction tx = new SubmittedTransaction(
                "0x00000000000000000000000000000000000000cc", nextNonce, "0x%064x".formatted(nextNonce + 1));
        nextNonce++;
        beforeBroadcast.recorded(tx);
        if (crashAfterRecord) {
            throw new IllegalStateException("simulated crash between record and outcome");
        }
        broadcast.add(order);
        boolean firstUse = usedRebalanceNonces.add(order.rebalanceNonce());
        TransactionStatus.State state = firstUse ? outcome : TransactionStatus.State.REVERTED;
        statuses.put(
                tx.hash(),
                state == TransactionStatus.State.PENDING || state == TransactionStatus.State.NOT_FOUND
                        ? TransactionStatus.of(state)
                        : new TransactionStatus(state, tx.hash(), 42));
        return tx;
    }

    @Override
    public TransactionStatus status(SubmittedTransaction transaction) {
        return statuses.getOrDefault(transaction.hash(), TransactionStatus.of(TransactionStatus.State.NOT_FOUND));
    }

    @Override
    public TransactionStatus awaitOutcome(SubmittedTransaction transaction) {
        return status(transaction);
    }
}
