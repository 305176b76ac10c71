package io.yielddelta.keeper.app.chain;

import io.yielddelta.keeper.app.chainlink.FeedReader;
import io.yielddelta.keeper.app.chainlink.FeedSettings;
import io.yielddelta.keeper.app.chainlink.PriceGuard;
import io.yielddelta.keeper.app.chainlink.VenueMarks;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.daemon.ChainGatewayFactory;
import io.yielddelta.keeper.app.oracle.HttpOracleClient;
import io.yielddelta.keeper.app.oracle.PolicyCheckedOracle;
import io.yielddelta.keeper.app.oracle.RebalanceOracle;
import io.yielddelta.keeper.app.signing.Signers;
import io.yielddelta.keeper.app.signing.SigningPolicy;
import io.yielddelta.keeper.app.signing.TransactionSigner;
import io.yielddelta.keeper.core.chain.ChainGateway;
import io.yielddelta.keeper.core.chain.SentTransactions;
import io.yielddelta.keeper.core.signing.Signer;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;

/**
 * The production chain edge from a deployment's configuration: JSON-RPC with fail-over over the configured nodes,
 * Multicall3 at its canonical address, the keeper's signer (KMS or keystore) under a signing policy that lets it sign
 * nothing but {@code rebalance} on the configured vaults, the journal-backed transaction manager, the aiOracle (its
 * own key and policy in this process, or a separate oracle process asked over HTTP) and the keeper's Chainlink price
 * check for every vault with a feed.
 */
public final class Web3jChainGatewayFactory implements ChainGatewayFactory {

    /** Multicall3's address on every EVM chain that has it, SEI included. */
    public static final String MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11";
    /** The most gas a keeper transaction may use: the heaviest measured rebalance takes ~430,000. */
    static final BigInteger GAS_CAP = BigInteger.valueOf(2_000_000);
    /** SEI's block gas limit is 10 M; eth_call batches stay well under it. */
    public static final long CALL_GAS_LIMIT = 8_000_000;

    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(Web3jChainGatewayFactory.class);
    private static final Duration ORACLE_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public ChainGateway open(KeeperConfig config, SentTransactions journal, boolean readOnly) {
        return open(config, journal, readOnly, new RpcCallCounter(), VenueMarks.NONE, ChainMetrics.NONE);
    }

    @Override
    public ChainGateway open(
            KeeperConfig config, SentTransactions journal, boolean readOnly, VenueMarks marks, ChainMetrics metrics) {
        return open(config, journal, readOnly, new RpcCallCounter(), marks, metrics);
    }

    /** As {@link #open(KeeperConfig, SentTransactions, boolean)}, counting JSON-RPC round trips in {@code counter}. */
    public Web3jChainGateway open(
            KeeperConfig config, SentTransactions journal, boolean readOnly, RpcCallCounter counter) {
        return open(config, journal, readOnly, counter, VenueMarks.NONE, ChainMetrics.NONE);
    }

    private Web3jChainGateway open(
            KeeperConfig config,
            SentTransactions journal,
            boolean readOnly,
            RpcCallCounter counter,
            VenueMarks marks,
            ChainMetrics metrics) {
        List<String> urls = config.chain().rpcUrls().stream().map(URI::toString).toList();
        Web3j web3j = Web3j.build(FailoverRpc.connect(urls, counter, RPC_TIMEOUT, metrics));
        MulticallReader reader = new MulticallReader(web3j, MULTICALL3, CALL_GAS_LIMIT);
        if (readOnly) {
            return Web3jChainGateway.readOnly(reader, MULTICALL3, web3j::shutdown);
        }
        List<AutoCloseable> opened = new ArrayList<>();
        opened.add(web3j::shutdown);
        try {
            Signer keeper = Signers.open(config.signers().keeper(), opened);
            Map<String, Set<String>> allowed = config.vaults().stream()
                    .collect(Collectors.toMap(
                            KeeperConfig.Vault::address,
                            v -> Set.of(Web3jChainGateway.REBALANCE_SELECTOR),
                            (a, b) -> a));
            TransactionSigner signer = new TransactionSigner(keeper, new SigningPolicy(allowed, GAS_CAP));
            TransactionManager transactions = new TransactionManager(
                    web3j,
                    signer,
                    journal,
                    settings(config.chain()),
                    java.time.Clock.systemUTC(),
                    Thread::sleep,
                    metrics);
            FeedReader feeds = new FeedReader(reader, MULTICALL3);
            return new Web3jChainGateway(
                    reader,
                    MULTICALL3,
                    transactions,
                    oracle(config, reader, feeds, opened),
                    priceGuard(config, feeds, marks),
                    config.chain().chainId(),
                    () -> closeAll(opened));
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Production pacing: SEI makes a block about every 0.4 s, so a transaction unmined for a minute is stuck. */
    static TransactionSettings settings(KeeperConfig.Chain chain) {
        BigInteger cap = chain.maxFeePerGasGwei()
                .movePointRight(9)
                .setScale(0, RoundingMode.DOWN)
                .toBigIntegerExact();
        return new TransactionSettings(
                chain.chainId(),
                cap,
                BigInteger.ONE,
                20,
                50,
                20,
                chain.confirmations(),
                Duration.ofSeconds(60),
                15,
                Duration.ofMillis(500),
                Duration.ofMinutes(5));
    }

    /** The aiOracle the keeper asks: in this process with its own key and per-vault policy, or a separate process. */
    private static RebalanceOracle oracle(
            KeeperConfig config, MulticallReader reader, FeedReader feeds, List<AutoCloseable> opened) {
        return switch (config.signers().aiOracle()) {
            case KeeperConfig.OracleSpec.Remote remote -> {
                log.info(
                        "aiOracle: a separate signer at {}; the keeper asks it for every rebalance signature",
                        remote.url());
                yield new HttpOracleClient(remote.url(), remote.token(), ORACLE_TIMEOUT);
            }
            case KeeperConfig.OracleSpec.InProcess inProcess -> {
                Signer key = Signers.open(inProcess.key(), opened);
                Map<String, PolicyCheckedOracle.Vault> vaults = config.vaults().stream()
                        .collect(Collectors.toMap(
                                KeeperConfig.Vault::address,
                                v -> new PolicyCheckedOracle.Vault(v.oracle(), v.chainlink()),
                                (a, b) -> a));
                log.info("aiOracle: signer {} in this process, with its own policy and chain reads", key.address());
                yield new PolicyCheckedOracle(
                        config.chain().chainId(),
                        key,
                        vaults,
                        Web3jChainGateway.readOnly(reader, MULTICALL3, () -> {}),
                        feeds);
            }
        };
    }

    /** The keeper's own pool / Chainlink / venue-mark check for every vault with a feed. */
    private static PriceGuard priceGuard(KeeperConfig config, FeedReader feeds, VenueMarks marks) {
        Map<String, FeedSettings> byVault = new HashMap<>();
        for (KeeperConfig.Vault vault : config.vaults()) {
            vault.chainlink()
                    .ifPresentOrElse(
                            feed -> {
                                byVault.put(vault.address(), feed);
                                log.info(
                                        "Chainlink check on for vault {}: feed {}, stale after {} s, pool TWAP, feed and venue mark "
                                                + "within {} bps",
                                        vault.name(),
                                        feed.feed(),
                                        feed.maxAge().toSeconds(),
                                        feed.maxDeviationBps());
                            },
                            () -> log.warn(
                                    "vault {} has no Chainlink feed configured: its rebalances are not checked against an "
                                            + "independent price",
                                    vault.name()));
        }
        return new PriceGuard(byVault, feeds, marks);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing is best effort; nothing is left to protect
            }
        }
    }
}
