package io.yielddelta.keeper.app.chain;

import io.yielddelta.keeper.app.chainlink.PriceGuard;
import io.yielddelta.keeper.app.oracle.OracleRefusedException;
import io.yielddelta.keeper.app.oracle.OracleSignatures;
import io.yielddelta.keeper.app.oracle.RebalanceOracle;
import io.yielddelta.keeper.app.oracle.RebalanceRequest;
import io.yielddelta.keeper.app.signing.PolicyViolationException;
import io.yielddelta.keeper.contracts.generated.YieldDeltaVault;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.ChainUnavailableException;
import io.yielddelta.keeper.core.chain.RebalanceRejectedException;
import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.chain.TransactionStatus;
import io.yielddelta.keeper.core.signing.Signature;
import io.yielddelta.keeper.core.vault.Range;
import io.yielddelta.keeper.core.vault.RebalanceOrder;
import io.yielddelta.keeper.core.vault.VaultGuards;
import io.yielddelta.keeper.core.vault.VaultReading;
import io.yielddelta.keeper.core.vault.VaultState;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The keeper's chain edge on web3j: every vault's state (vault views plus its pool's {@code slot0}) in one Multicall3
 * batch, and {@code rebalance} transactions sent through the {@link TransactionManager} with the policy-checked keeper
 * signer — each only after the keeper's own price check ({@link PriceGuard}: pool TWAP, Chainlink feed, venue mark)
 * passed and the aiOracle ({@link RebalanceOracle}, in this process or its own) signed it (EIP-712).
 *
 * <p>A vault's pool and tick spacing never change, so they are probed once per vault and kept: a read of any number
 * of vaults is one round trip, two the first time a vault is seen.
 */
public final class Web3jChainGateway implements ChainGateway, AutoCloseable {

    /** {@code rebalance((int24,int24,bool,uint256,uint256,uint256,uint256,uint256,uint256),bytes)}: for the signing policy. */
    public static final String REBALANCE_SELECTOR = FunctionEncoder.encode(rebalanceCall(
                    new YieldDeltaVault.RebalanceParams(
                            BigInteger.ZERO,
                            BigInteger.ONE,
                            false,
                            BigInteger.ZERO,
                            BigInteger.ZERO,
                            BigInteger.ZERO,
                            BigInteger.ZERO,
                            BigInteger.ZERO,
                            BigInteger.ZERO),
                    new byte[0]))
            .substring(0, 10);

    private static final int CALLS_PER_VAULT = 7;

    private final MulticallReader reader;
    private final String multicall3;
    private final TransactionManager transactions;
    private final RebalanceOracle oracle;
    private final PriceGuard prices;
    private final long chainId;
    private final AutoCloseable resources;
    private final Map<String, Immutables> immutables = new ConcurrentHashMap<>();

    private record Immutables(String pool, int tickSpacing) {}

    /** @param resources closed with the gateway (the RPC client, KMS clients) */
    public Web3jChainGateway(
            MulticallReader reader,
            String multicall3,
            TransactionManager transactions,
            RebalanceOracle oracle,
            PriceGuard prices,
            long chainId,
            AutoCloseable resources) {
        this.reader = reader;
        this.multicall3 = multicall3;
        this.transactions = transactions;
        this.oracle = oracle;
        this.prices = prices;
        this.chainId = chainId;
        this.resources = resources;
    }

    /** A gateway that reads and can neither sign nor send: dry runs (and the aiOracle's own reads) hold no keys. */
    public static Web3jChainGateway readOnly(MulticallReader reader, String multicall3, AutoCloseable resources) {
        return new Web3jChainGateway(reader, multicall3, null, null, PriceGuard.none(), 0, resources);
    }

    // ------------------------------------------------------------------ reads

    @Override
    public List<VaultReading> readVaults(List<String> vaultAddresses) {
        List<String> vaults =
                vaultAddresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        Map<String, String> notVaults = new HashMap<>();
        try {
            while (true) {
                List<String> known = vaults.stream()
                        .filter(immutables::containsKey)
                        .distinct()
                        .toList();
                List<String> unknown = vaults.stream()
                        .filter(v -> !immutables.containsKey(v) && !notVaults.containsKey(v))
                        .distinct()
                        .toList();
                List<ContractCall> calls = new ArrayList<>();
                calls.add(new ContractCall(
                        multicall3, view("getCurrentBlockTimestamp", new TypeReference<Uint256>() {})));
                for (String vault : known) {
                    calls.add(new ContractCall(vault, VAULT_POSITION));
                    calls.add(new ContractCall(vault, VAULT_IDLE));
                    calls.add(new ContractCall(vault, view("twapTick", new TypeReference<Int24>() {}), 60_000));
                    calls.add(new ContractCall(vault, view("lastRebalanceTimestamp", new TypeReference<Uint64>() {})));
                    calls.add(new ContractCall(vault, view("paused", new TypeReference<Bool>() {})));
                    calls.add(new ContractCall(vault, VAULT_PARAMETERS));
                    calls.add(new ContractCall(immutables.get(vault).pool(), PoolViews.slot0()));
                }
                for (String vault : unknown) {
                    calls.add(new ContractCall(vault, view("pool", new TypeReference<Address>() {})));
                    calls.add(new ContractCall(vault, view("tickSpacing", new TypeReference<Int24>() {})));
                }
                MulticallReader.Snapshot snapshot = reader.read(calls);
                List<CallResult> results = snapshot.results();
                int probes = 1 + known.size() * CALLS_PER_VAULT;
                if (learnImmutables(unknown, results.subList(probes, results.size()), notVaults)) {
                    continue; // a vault seen for the first time: read them all again, at one block
                }
                CallResult time = results.get(0);
                if (!time.succeeded()) {
                    throw new ChainUnavailableException(
                            "Multicall3 getCurrentBlockTimestamp failed: " + time.failure());
                }
                Instant blockTime = Instant.ofEpochSecond(
                        time.value(0, Uint256.class).getValue().longValueExact());
                Map<String, VaultReading> byVault = new HashMap<>();
                for (int i = 0; i < known.size(); i++) {
                    List<CallResult> r = results.subList(1 + i * CALLS_PER_VAULT, 1 + (i + 1) * CALLS_PER_VAULT);
                    byVault.put(known.get(i), toReading(known.get(i), r, snapshot.blockNumber(), blockTime));
                }
                return vaults.stream()
                        .map(v -> byVault.containsKey(v)
                                ? byVault.get(v)
                                : new VaultReading.Unreadable(v, notVaults.get(v)))
                        .toList();
            }
        } catch (IOException e) {
            throw new ChainUnavailableException("reading " + vaults.size() + " vaults failed: " + e.getMessage(), e);
        }
    }

    /**
     * Keeps the pool and tick spacing of each probed address that answers like a vault (they never change); the
     * others are reported with why. True if any vault was learned.
     */
    private boolean learnImmutables(List<String> probed, List<CallResult> results, Map<String, String> notVaults) {
        boolean learned = false;
        for (int i = 0; i < probed.size(); i++) {
            CallResult pool = results.get(2 * i);
            CallResult spacing = results.get(2 * i + 1);
            if (pool.succeeded() && spacing.succeeded()) {
                immutables.put(
                        probed.get(i),
                        new Immutables(
                                pool.value(0, Address.class).getValue(),
                                spacing.value(0, Int24.class).getValue().intValueExact()));
                learned = true;
            } else {
                notVaults.put(probed.get(i), "not a vault: " + (pool.succeeded() ? spacing : pool).failure());
            }
        }
        return learned;
    }

    private VaultReading toReading(String vault, List<CallResult> r, long blockNumber, Instant blockTime) {
        for (CallResult call : r) {
            if (!call.succeeded()) {
                return new VaultReading.Unreadable(
                        vault,
                        call.call().function().getName() + " " + call.failure()
                                + (call.failure().endsWith(": OLD")
                                        ? " (the pool's oracle holds less history than the vault's"
                                                + " TWAP window: raise its observation cardinality)"
                                        : ""));
            }
        }
        CallResult position = r.get(0);
        CallResult idle = r.get(1);
        long lastRebalance = number(r.get(3), 0).longValueExact();
        CallResult parameters = r.get(5);
        CallResult slot0 = r.get(6);
        try {
            VaultGuards guards = new VaultGuards(
                    Duration.ofSeconds(number(parameters, 0).longValueExact()),
                    Duration.ofSeconds(number(parameters, 1).longValueExact()),
                    number(parameters, 2).intValueExact(),
                    number(parameters, 3).intValueExact(),
                    number(parameters, 4).intValueExact(),
                    number(parameters, 5).intValueExact());
            // The vault stores a range from construction (its move guard measures from it) and places liquidity in
            // it from the first rebalance: zero liquidity says nothing is invested yet.
            Range stored = new Range(
                    number(position, 0).intValueExact(), number(position, 1).intValueExact());
            return new VaultReading.Observed(new VaultState(
                    vault,
                    Optional.of(stored),
                    number(position, 2),
                    number(slot0, 0),
                    number(slot0, 1).intValueExact(),
                    number(r.get(2), 0).intValueExact(),
                    immutables.get(vault).tickSpacing(),
                    number(idle, 0),
                    number(idle, 1),
                    number(position, 3),
                    number(position, 4),
                    lastRebalance == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(lastRebalance)),
                    r.get(4).value(0, Bool.class).getValue(),
                    guards,
                    blockNumber,
                    blockTime));
        } catch (RuntimeException e) {
            return new VaultReading.Unreadable(vault, "state out of range: " + e.getMessage());
        }
    }

    private static BigInteger number(CallResult result, int index) {
        return ((NumericType) result.values().get(index)).getValue();
    }

    private static Function view(String name, TypeReference<?>... outputs) {
        return new Function(name, List.of(), List.of(outputs));
    }

    private static final Function VAULT_POSITION = view(
            "position",
            new TypeReference<Int24>() {},
            new TypeReference<Int24>() {},
            new TypeReference<Uint128>() {},
            new TypeReference<Uint256>() {},
            new TypeReference<Uint256>() {});
    private static final Function VAULT_IDLE =
            view("idleBalances", new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {});
    private static final Function VAULT_PARAMETERS = view(
            "parameters",
            new TypeReference<Uint32>() {},
            new TypeReference<Uint32>() {},
            new TypeReference<Uint24>() {},
            new TypeReference<Uint24>() {},
            new TypeReference<Uint24>() {},
            new TypeReference<Uint16>() {},
            new TypeReference<Uint16>() {});

    // ------------------------------------------------------------------ rebalance

    @Override
    public SubmittedTransaction submitRebalance(RebalanceOrder order, BeforeBroadcast beforeBroadcast) {
        requireWritable();
        Optional<String> disagreement = prices.refusal(order.vault());
        if (disagreement.isPresent()) {
            throw new RebalanceRejectedException(
                    "rebalance of " + order.vault() + " refused by the keeper's price check: " + disagreement.get());
        }
        RebalanceRequest request = RebalanceRequest.of(chainId, order);
        Signature signature;
        try {
            signature = oracle.sign(request);
        } catch (OracleRefusedException e) {
            throw new RebalanceRejectedException(
                    "rebalance of " + order.vault() + " refused by the aiOracle: " + e.getMessage(), e);
        }
        String data = FunctionEncoder.encode(rebalanceCall(request.params(), OracleSignatures.bytes(signature)));
        try {
            TransactionManager.Submitted submitted =
                    transactions.submit(order.vault(), data, s -> beforeBroadcast.recorded(identity(s)));
            return identity(submitted);
        } catch (PolicyViolationException e) {
            throw new RebalanceRejectedException("rebalance of " + order.vault() + " refused: " + e.getMessage(), e);
        } catch (TransactionFailedException e) {
            if (e.kind() == TransactionFailedException.Kind.REJECTED && e.getCause() == null) {
                throw new RebalanceRejectedException(
                        "rebalance of " + order.vault() + " rejected: " + e.getMessage(), e);
            }
            throw new ChainUnavailableException("rebalance of " + order.vault() + ": " + e.getMessage(), e);
        }
    }

    static Function rebalanceCall(YieldDeltaVault.RebalanceParams params, byte[] signature) {
        return new Function("rebalance", List.of(params, new DynamicBytes(signature)), List.of());
    }

    private static SubmittedTransaction identity(TransactionManager.Submitted submitted) {
        return new SubmittedTransaction(submitted.sender(), submitted.nonce(), submitted.hash());
    }

    // ------------------------------------------------------------------ outcomes

    @Override
    public TransactionStatus status(SubmittedTransaction transaction) {
        requireWritable();
        try {
            return toStatus(transactions.status(submitted(transaction)));
        } catch (TransactionFailedException e) {
            throw new ChainUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public TransactionStatus awaitOutcome(SubmittedTransaction transaction) {
        requireWritable();
        try {
            TransactionReceipt receipt = transactions.awaitConfirmation(submitted(transaction));
            return mined(receipt);
        } catch (TransactionFailedException e) {
            return switch (e.kind()) {
                case NONCE_TAKEN -> TransactionStatus.of(TransactionStatus.State.DROPPED);
                case OUTCOME_UNKNOWN, REJECTED -> TransactionStatus.of(TransactionStatus.State.PENDING);
            };
        }
    }

    private void requireWritable() {
        if (transactions == null) {
            throw new IllegalStateException("read-only chain gateway (dry run): it holds no keys and sends nothing");
        }
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }

    private TransactionManager.Submitted submitted(SubmittedTransaction transaction) {
        return new TransactionManager.Submitted(transaction.sender(), transaction.nonce(), transaction.hash());
    }

    private static TransactionStatus toStatus(TransactionManager.Status status) {
        return switch (status.stage()) {
            case CONFIRMED -> mined(status.receipt());
            case MINED, IN_POOL -> TransactionStatus.of(TransactionStatus.State.PENDING);
            case NOT_FOUND -> TransactionStatus.of(TransactionStatus.State.NOT_FOUND);
            case NONCE_TAKEN -> TransactionStatus.of(TransactionStatus.State.DROPPED);
        };
    }

    private static TransactionStatus mined(TransactionReceipt receipt) {
        return new TransactionStatus(
                receipt.isStatusOK() ? TransactionStatus.State.CONFIRMED : TransactionStatus.State.REVERTED,
                receipt.getTransactionHash(),
                receipt.getBlockNumber().longValueExact());
    }
}
