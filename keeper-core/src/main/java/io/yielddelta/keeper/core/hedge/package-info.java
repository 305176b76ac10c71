/**
 * Delta hedging: what a vault holds ({@link io.yielddelta.keeper.core.hedge.VaultHoldings}), the target and orders
 * ({@link io.yielddelta.keeper.core.hedge.HedgePlanner}), the pass that checks, journals and sends them
 * ({@link io.yielddelta.keeper.core.hedge.HedgeExecutor}), the router between primary and secondary venue, the
 * reconciler of journal and venues, the emergency exit, and the feed of marks and chain reads into it all
 * ({@link io.yielddelta.keeper.core.hedge.VaultHedger}).
 */
package io.yielddelta.keeper.core.hedge;
