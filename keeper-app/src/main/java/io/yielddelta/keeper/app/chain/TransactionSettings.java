package io.yielddelta.keeper.app.chain;

import java.math.BigInteger;
import java.time.Duration;

/**
 * How the {@link TransactionManager} prices, sizes and follows transactions.
 *
 * @param chainId               the chain every transaction is signed for (EIP-155 / EIP-1559 replay protection)
 * @param maxFeePerGasCap       the most the keeper pays per gas, in wei, whatever the fee history says
 * @param minPriorityFeePerGas  floor for the tip, in wei (fee history may report zero tips)
 * @param feeHistoryBlocks      how many recent blocks {@code eth_feeHistory} looks at
 * @param tipPercentile         which percentile of those blocks' tips to pay (0–100)
 * @param gasMarginPercent      added to the node's gas estimate
 * @param confirmations         blocks (including the one holding the transaction) before it counts as confirmed
 * @param replaceAfter          how long a transaction may stay unmined before it is replaced with higher fees
 * @param feeBumpPercent        fee increase per replacement, at least 10 (nodes refuse smaller bumps)
 * @param pollInterval          how often receipts are polled
 * @param confirmationTimeout   after this the outcome is reported unknown (the journal keeps the hashes)
 */
public record TransactionSettings(
        long chainId,
        BigInteger maxFeePerGasCap,
        BigInteger minPriorityFeePerGas,
        int feeHistoryBlocks,
        double tipPercentile,
        int gasMarginPercent,
        int confirmations,
        Duration replaceAfter,
        int feeBumpPercent,
        Duration pollInterval,
        Duration confirmationTimeout) {

    public TransactionSettings {
        if (maxFeePerGasCap.signum() <= 0) {
            throw new IllegalArgumentException("maxFeePerGasCap must be positive");
        }
        if (minPriorityFeePerGas.signum() < 0 || minPriorityFeePerGas.compareTo(maxFeePerGasCap) > 0) {
            throw new IllegalArgumentException("minPriorityFeePerGas must be between 0 and maxFeePerGasCap");
        }
        if (feeHistoryBlocks < 1 || feeHistoryBlocks > 1024) {
            throw new IllegalArgumentException("feeHistoryBlocks must be 1..1024");
        }
        if (tipPercentile < 0 || tipPercentile > 100) {
            throw new IllegalArgumentException("tipPercentile must be 0..100");
        }
        if (gasMarginPercent < 0) {
            throw new IllegalArgumentException("gasMarginPercent must not be negative");
        }
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1");
        }
        if (feeBumpPercent < 10) {
            throw new IllegalArgumentException("feeBumpPercent must be at least 10: nodes refuse smaller replacements");
        }
        if (replaceAfter.isNegative()
                || pollInterval.isNegative()
                || pollInterval.isZero()
                || confirmationTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }
}
