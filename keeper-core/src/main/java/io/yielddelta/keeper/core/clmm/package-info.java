/**
 * Exact concentrated-liquidity math: Java ports of the Uniswap V3 libraries (v3-core 1.0.1 {@link
 * io.yielddelta.keeper.core.clmm.TickMath}, {@link io.yielddelta.keeper.core.clmm.FullMath}, {@link
 * io.yielddelta.keeper.core.clmm.SqrtPriceMath}, {@link io.yielddelta.keeper.core.clmm.SwapMath}; v3-periphery 1.4.4
 * {@link io.yielddelta.keeper.core.clmm.LiquidityAmounts}) with the contracts' names, a pool that swaps, mints, burns
 * and collects like {@code UniswapV3Pool} ({@link io.yielddelta.keeper.core.clmm.SimulatedPool}), and analytic risk
 * figures in {@code double} ({@link io.yielddelta.keeper.core.clmm.PositionAnalytics}).
 *
 * <p>Integers are {@link java.math.BigInteger}s holding what the Solidity types hold (uint160 sqrt prices in Q64.96,
 * uint128 liquidity, uint256 amounts, int256 signed amounts); every integer result equals the contract's.
 *
 * <p><b>Where the contract reverts</b>, the port throws, before changing any state:
 * <ul>
 *   <li>{@link java.lang.IllegalArgumentException} for input the function does not accept: a null, a value outside
 *       its Solidity type (a negative amount, a sqrt price wider than 160 bits, liquidity wider than 128), a tick
 *       outside [MIN_TICK, MAX_TICK] or off the tick spacing, tickLower ≥ tickUpper, a sqrt price outside
 *       [MIN_SQRT_RATIO, MAX_SQRT_RATIO), a zero price or liquidity where one is needed, a price limit on the wrong
 *       side, burning more liquidity than a position holds. The message names the value.</li>
 *   <li>{@link java.lang.ArithmeticException} where a computed result overflows or underflows its type (FullMath past
 *       2^256, SafeCast to uint160/int256, uint128 liquidity sums, a tick's maxLiquidityPerTick, an amount removed
 *       beyond the virtual reserves) or a division by zero.</li>
 *   <li>{@link java.lang.IllegalStateException} for a pool used before {@code initialize}, or initialised twice.</li>
 * </ul>
 * Where the contract wraps silently (fee growth in uint256, tokens owed in uint128), so does the port.
 */
package io.yielddelta.keeper.core.clmm;
