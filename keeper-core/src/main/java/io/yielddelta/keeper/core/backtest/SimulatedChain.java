package io.yielddelta.keeper.core.backtest;

import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.chain.TransactionStatus;
import io.yielddelta.keeper.core.clmm.TokenAmounts;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.vault.VaultState;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The backtest's chain: {@link SimulatedVault}s on simulated pools behind the same {@link ChainGateway} the live keeper
 * uses, so {@code KeeperCycle} runs unchanged. A submitted rebalance is applied at once and confirmed in the next
 * block; nonces are checked as the contract checks them.
 *
 * <p>TWAP: the simulation moves the pool once per hour, to the close; the price path the hour took (the one its fees
 * and LVR are realised on) gives the TWAP over the contract's window.
 */
final class SimulatedChain implements ChainGateway {
    private static final String KEEPER = "0x000000000000000000000000000000000000ke3e".replace("ke3e", "4b33");

    /** The hour's arithmetic-mean tick over a window ending now, from the price path. */
    @FunctionalInterface
    interface Twap {
        int tick(Duration window);
    }

    private final Clock clock;
    private final Map<String, SimulatedVault> vaults = new HashMap<>();
    private final Map<String, VaultGuards> guards = new HashMap<>();
    private final Map<String, Reading> lastReadings = new HashMap<>();
    private Twap twap;
    private Consumer<VaultState> readListener = state -> {};
    private final Map<String, Set<BigInteger>> usedNonces = new HashMap<>();
    private final Map<String, Long> minedIn = new HashMap<>();
    private long block;
    private long nonce;

    SimulatedChain(Clock clock) {
        this.clock = clock;
    }

    void add(SimulatedVault vault, VaultGuards vaultGuards) {
        String key = key(vault.address());
        vaults.put(key, vault);
        guards.put(key, vaultGuards);
        usedNonces.put(key, new HashSet<>());
    }

    /** Told of every vault read, before the reader gets it. */
    void onRead(Consumer<VaultState> listener) {
        readListener = listener;
    }

    /** A new block at the end of an hour, whose path gives the TWAP. */
    void beginStep(Twap hourTwap) {
        twap = hourTwap;
        block++;
    }

    @Override
    public List<VaultReading> readVaults(List<String> vaultAddresses) {
        return vaultAddresses.stream()
                .<VaultReading>map(address -> {
                    String key = key(address);
                    SimulatedVault vault = vaults.get(key);
                    if (vault == null) {
                        return new VaultReading.Unreadable(address, "no such vault in the simulation");
                    }
                    // Within a block nothing but a rebalance changes a vault: a second read of it gives the first one's
                    // state.
                    Reading last = lastReadings.get(key);
                    if (last != null && last.block() == block && last.rebalances() == vault.rebalances()) {
                        readListener.accept(((VaultReading.Observed) last.reading()).state());
                        return last.reading();
                    }
                    TokenAmounts fees = vault.feesOwed();
                    VaultGuards vaultGuards = guards.get(key);
                    VaultReading reading = new VaultReading.Observed(new VaultState(
                            address,
                            vault.range(),
                            vault.liquidity(),
                            vault.pool().sqrtPriceX96(),
                            vault.pool().tick(),
                            twap == null ? vault.pool().tick() : twap.tick(vaultGuards.twapWindow()),
                            vault.pool().tickSpacing(),
                            vault.idle0(),
                            vault.idle1(),
                            fees.amount0(),
                            fees.amount1(),
                            vault.lastRebalance(),
                            false,
                            vaultGuards,
                            block,
                            clock.instant()));
                    lastReadings.put(key, new Reading(block, vault.rebalances(), reading));
                    readListener.accept(((VaultReading.Observed) reading).state());
                    return reading;
                })
                .toList();
    }

    private record Reading(long block, int rebalances, VaultReading reading) {}

    @Override
    public SubmittedTransaction submitRebalance(RebalanceOrder order, BeforeBroadcast beforeBroadcast) {
        String key = key(order.vault());
        SimulatedVault vault = vaults.get(key);
        if (vault == null) {
            throw new IllegalArgumentException("no vault " + order.vault() + " in the simulation");
        }
        SubmittedTransaction transaction = new SubmittedTransaction(KEEPER, nonce++, String.format("0x%064x", nonce));
        beforeBroadcast.recorded(transaction);
        if (usedNonces.get(key).add(order.rebalanceNonce()) && !clock.instant().isAfter(order.deadline())) {
            vault.rebalance(order, clock.instant());
            minedIn.put(transaction.hash(), block + 1);
        } else {
            minedIn.put(transaction.hash(), -(block + 1));
        }
        return transaction;
    }

    @Override
    public TransactionStatus status(SubmittedTransaction transaction) {
        Long mined = minedIn.get(transaction.hash());
        if (mined == null) {
            return TransactionStatus.of(TransactionStatus.State.NOT_FOUND);
        }
        return mined > 0
                ? new TransactionStatus(TransactionStatus.State.CONFIRMED, transaction.hash(), mined)
                : new TransactionStatus(TransactionStatus.State.REVERTED, transaction.hash(), -mined);
    }

    @Override
    public TransactionStatus awaitOutcome(SubmittedTransaction transaction) {
        return status(transaction);
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
