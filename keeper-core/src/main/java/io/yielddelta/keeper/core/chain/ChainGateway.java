package io.yielddelta.keeper.core.chain;

import io.yielddelta.keeper.core.vault.RebalanceOrder;
import io.yielddelta.keeper.core.vault.VaultReading;
import java.util.List;

/**
 * The keeper's only way to the chain. Implemented with web3j (Multicall3 reads, transaction manager, signers) in
 * keeper-app, and by in-memory doubles in tests.
 */
public interface ChainGateway {

    /**
     * Reads every listed vault and its pool in one batch (one Multicall3 {@code aggregate3} round, split only where
     * the node's gas limit demands it). A vault whose calls fail comes back {@link VaultReading.Unreadable}; the
     * others are still returned. The result has one reading per address, in the order asked.
     *
     * @throws ChainUnavailableException if no configured RPC endpoint answers at all
     */
    List<VaultReading> readVaults(List<String> vaultAddresses);

    /**
     * Signs the order (aiOracle EIP-712 signature, then the keeper's transaction) and broadcasts it.
     * {@code beforeBroadcast} is called with the signed transaction's identity <em>before</em> it leaves the process
     * and before it is handed to anything that could broadcast it later (such as a re-broadcast after restart); if
     * it throws, the transaction is never broadcast. So a journal that recorded no transaction for an order knows
     * that nothing was sent for it.
     *
     * @throws ChainUnavailableException if it is not known whether the transaction was broadcast; the caller then
     *     reconciles through {@link #awaitOutcome} if {@code beforeBroadcast} ran
     * @throws RebalanceRejectedException if the order was refused before signing (signing policy, gas estimate shows a
     *     revert): nothing was broadcast
     */
    SubmittedTransaction submitRebalance(RebalanceOrder order, BeforeBroadcast beforeBroadcast);

    /** Where the transaction (or a same-nonce replacement) stands now, without waiting. */
    TransactionStatus status(SubmittedTransaction transaction);

    /**
     * Waits, within the transaction manager's bound, until the transaction or a replacement is final, replacing it
     * if stuck and re-broadcasting the recorded signed copy if the node forgot it. Returns PENDING if the bound
     * passes first.
     */
    TransactionStatus awaitOutcome(SubmittedTransaction transaction);

    @FunctionalInterface
    interface BeforeBroadcast {
        void recorded(SubmittedTransaction transaction);
    }
}
