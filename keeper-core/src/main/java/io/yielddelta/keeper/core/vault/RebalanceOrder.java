package io.yielddelta.keeper.core.vault;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One {@code rebalance(RebalanceParams, signature)} call as the keeper decided it; the chain gateway has it signed by
 * the aiOracle (EIP-712) and sent by the keeper's transaction signer.
 *
 * @param cycleId          the journal's id for the cycle that decided it
 * @param vault            the vault contract address
 * @param target           the new range, aligned to the pool's tick spacing, or {@link RebalanceTarget#IDLE} to leave
 *                         the pool
 * @param zeroForOne       swap direction to re-ratio the holdings: token0 in (true) or token1 in (false)
 * @param swapAmountIn     how much to swap; zero for no swap
 * @param swapAmountOutMin least the swap must return
 * @param amount0Min       least token0 the new position must take
 * @param amount1Min       least token1 the new position must take
 * @param deadline         after this block time the contract refuses the call, so a late transaction cannot act on a
 *                         stale decision
 * @param rebalanceNonce   derived from the cycle id: the contract accepts each nonce once, so one cycle can never
 *                         rebalance twice, whatever happens to the keeper between signing and recording
 */
public record RebalanceOrder(
        String cycleId,
        String vault,
        RebalanceTarget target,
        boolean zeroForOne,
        BigInteger swapAmountIn,
        BigInteger swapAmountOutMin,
        BigInteger amount0Min,
        BigInteger amount1Min,
        Instant deadline,
        BigInteger rebalanceNonce) {

    public RebalanceOrder {
        Objects.requireNonNull(cycleId, "cycleId");
        vault = Objects.requireNonNull(vault, "vault").toLowerCase(java.util.Locale.ROOT);
        Objects.requireNonNull(target, "target");
        for (BigInteger amount :
                new BigInteger[] {swapAmountIn, swapAmountOutMin, amount0Min, amount1Min, rebalanceNonce}) {
            if (Objects.requireNonNull(amount, "amount").signum() < 0) {
                throw new IllegalArgumentException("amounts and nonce must not be negative");
            }
        }
        Objects.requireNonNull(deadline, "deadline");
    }
}
