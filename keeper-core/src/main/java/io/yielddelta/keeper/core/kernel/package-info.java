/**
 * The keeper kernel: {@link io.yielddelta.keeper.core.kernel.Keeper} assembles, from a deployment's settings and one
 * runtime's adapters, everything that decides and acts — the gated cycle, the risk engine, one hedge stack per hedged
 * vault, the risk watch and the maintenance pass — the same way for the daemon, {@code once}, the cycle bench, the
 * sandbox and the backtest.
 */
package io.yielddelta.keeper.core.kernel;
