package io.yielddelta.keeper.app.oracle;

import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.contracts.vault.RebalanceTypedData;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import io.yielddelta.keeper.core.vault.RebalanceTarget;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;

/**
 * What the keeper asks the aiOracle to sign: one vault's {@code Rebalance} parameters (EIP-712) on one chain. A target
 * of {@code tickLower = tickUpper = 0} leaves the pool ({@link RebalanceTypedData#IDLE_TICK}).
 */
public record RebalanceRequest(
        long chainId,
        String vault,
        int tickLower,
        int tickUpper,
        boolean zeroForOne,
        BigInteger swapAmountIn,
        BigInteger swapAmountOutMin,
        BigInteger amount0Min,
        BigInteger amount1Min,
        long deadline,
        BigInteger nonce) {

    public RebalanceRequest {
        vault = Objects.requireNonNull(vault, "vault").toLowerCase(Locale.ROOT);
        for (BigInteger amount : new BigInteger[] {swapAmountIn, swapAmountOutMin, amount0Min, amount1Min, nonce}) {
            if (Objects.requireNonNull(amount, "amount").signum() < 0) {
                throw new IllegalArgumentException("amounts and nonce must not be negative");
            }
        }
    }

    /** The request for a keeper's order. */
    public static RebalanceRequest of(long chainId, RebalanceOrder order) {
        int[] ticks = switch (order.target()) {
            case Range range -> new int[] {range.tickLower(), range.tickUpper()};
            case RebalanceTarget.Idle idle -> new int[] {RebalanceTypedData.IDLE_TICK, RebalanceTypedData.IDLE_TICK};
        };
        return new RebalanceRequest(
                chainId,
                order.vault(),
                ticks[0],
                ticks[1],
                order.zeroForOne(),
                order.swapAmountIn(),
                order.swapAmountOutMin(),
                order.amount0Min(),
                order.amount1Min(),
                order.deadline().getEpochSecond(),
                order.rebalanceNonce());
    }

    /** Whether it leaves the pool (the empty range) rather than entering a range. */
    public boolean leavesPool() {
        return tickLower == RebalanceTypedData.IDLE_TICK && tickUpper == RebalanceTypedData.IDLE_TICK;
    }

    public YieldDeltaVault.RebalanceParams params() {
        return new YieldDeltaVault.RebalanceParams(
                BigInteger.valueOf(tickLower),
                BigInteger.valueOf(tickUpper),
                zeroForOne,
                swapAmountIn,
                swapAmountOutMin,
                amount0Min,
                amount1Min,
                BigInteger.valueOf(deadline),
                nonce);
    }

    /** The EIP-712 digest the vault checks the signature against. */
    public byte[] digest() {
        return RebalanceTypedData.digest(chainId, vault, params());
    }

    /** For logs: the target and nonce. */
    public String describe() {
        return (leavesPool() ? "idle" : "[" + tickLower + ", " + tickUpper + ")") + " (nonce " + nonce + ")";
    }
}
