package io.yielddelta.keeper.app.chain;

import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.config.KeeperConfig.SignerSpec;
import io.yielddelta.keeper.app.daemon.ChainGatewayFactory;
import io.yielddelta.keeper.app.signing.KeystoreSigner;
import io.yielddelta.keeper.app.signing.KmsSigner;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.web3j.protocol.Web3j;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The production chain edge from a deployment's configuration: JSON-RPC with fail-over over the configured nodes,
 * Multicall3 at its canonical address, the keeper and aiOracle signers (KMS or keystore), a signing policy that lets
 * the keeper key sign nothing but {@code rebalance} on the configured vaults, and the journal-backed transaction
 * manager.
 */
public final class Web3jChainGatewayFactory implements ChainGatewayFactory {

    /** Multicall3's address on every EVM chain that has it, SEI included. */
    public static final String MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11";
    /** The most gas a keeper transaction may use: the heaviest measured rebalance takes ~430,000. */
    static final BigInteger GAS_CAP = BigInteger.valueOf(2_000_000);
    /** SEI's block gas limit is 10 M; eth_call batches stay well under it. */
    public static final long CALL_GAS_LIMIT = 8_000_000;
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(20);

    @Override
    public ChainGateway open(KeeperConfig config, SentTransactions journal, boolean readOnly) {
        return open(config, journal, readOnly, new RpcCallCounter(), ChainMetrics.NONE);
    }

    @Override
    public ChainGateway open(KeeperConfig config, SentTransactions journal, boolean readOnly, ChainMetrics metrics) {
        return open(config, journal, readOnly, new RpcCallCounter(), metrics);
    }

    /** As {@link #open(KeeperConfig, SentTransactions, boolean)}, counting JSON-RPC round trips in {@code counter}. */
    public Web3jChainGateway open(KeeperConfig config, SentTransactions journal, boolean readOnly,
                                  RpcCallCounter counter) {
        return open(config, journal, readOnly, counter, ChainMetrics.NONE);
    }

    private Web3jChainGateway open(KeeperConfig config, SentTransactions journal, boolean readOnly,
                                   RpcCallCounter counter, ChainMetrics metrics) {
        List<String> urls = config.chain().rpcUrls().stream().map(URI::toString).toList();
        Web3j web3j = Web3j.build(FailoverRpc.connect(urls, counter, RPC_TIMEOUT, metrics));
        MulticallReader reader = new MulticallReader(web3j, MULTICALL3, CALL_GAS_LIMIT);
        if (readOnly) {
            return Web3jChainGateway.readOnly(reader, MULTICALL3, web3j::shutdown);
        }
        List<AutoCloseable> opened = new ArrayList<>();
        opened.add(web3j::shutdown);
        try {
            Signer keeper = signer(config.signers().keeper(), "keeper", opened);
            Signer aiOracle = signer(config.signers().aiOracle(), "aiOracle", opened);
            Map<String, Set<String>> allowed = config.vaults().stream().collect(Collectors.toMap(
                    KeeperConfig.Vault::address, v -> Set.of(Web3jChainGateway.REBALANCE_SELECTOR), (a, b) -> a));
            TransactionSigner signer = new TransactionSigner(keeper, new SigningPolicy(allowed, GAS_CAP));
            TransactionManager transactions = new TransactionManager(web3j, signer, journal, settings(config.chain()),
                    java.time.Clock.systemUTC(), Thread::sleep, metrics);
            return new Web3jChainGateway(reader, MULTICALL3, transactions, aiOracle, config.chain().chainId(),
                    () -> closeAll(opened));
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Production pacing: SEI makes a block about every 0.4 s, so a transaction unmined for a minute is stuck. */
    static TransactionSettings settings(KeeperConfig.Chain chain) {
        BigInteger cap = chain.maxFeePerGasGwei().movePointRight(9).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        return new TransactionSettings(chain.chainId(), cap, BigInteger.ONE, 20, 50, 20, chain.confirmations(),
                Duration.ofSeconds(60), 15, Duration.ofMillis(500), Duration.ofMinutes(5));
    }

    private static Signer signer(SignerSpec spec, String role, List<AutoCloseable> opened) {
        return switch (spec) {
            case SignerSpec.Keystore keystore -> KeystoreSigner.open(keystore.path(), keystore.password());
            case SignerSpec.Kms kms -> {
                KmsSigner signer = KmsSigner.connect(kms.keyId(), kms.region(), kms.endpoint().orElse(null),
                        DefaultCredentialsProvider.builder().build());
                opened.add(signer);
                yield signer;
            }
        };
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
