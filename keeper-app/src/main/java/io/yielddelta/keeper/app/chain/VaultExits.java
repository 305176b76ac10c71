package io.yielddelta.keeper.app.chain;

import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.config.KeeperConfig.SignerSpec;
import io.yielddelta.keeper.app.signing.Signers;
import io.yielddelta.keeper.app.signing.SigningPolicy;
import io.yielddelta.keeper.app.signing.TransactionSigner;
import io.yielddelta.keeper.core.chain.SentTransactions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The emergency exit on chain: the guardian key calls {@code exitToIdle()} on every configured vault, which burns its
 * position into idle balances without a swap and pauses it. Sent through the journaled transaction manager, under a
 * signing policy that lets the guardian key sign nothing else. One vault failing does not stop the others.
 */
public final class VaultExits {

    /** {@code exitToIdle()}: the only call the guardian key may sign here. */
    public static final String EXIT_TO_IDLE = FunctionEncoder.encode(new Function("exitToIdle", List.of(), List.of()));

    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(20);

    private VaultExits() {}

    /** @param outcome one line: confirmed (block, transaction), reverted, or why it was not sent */
    public record Outcome(String vault, String outcome) {}

    /** @param journal where the guardian's signed transactions are recorded before broadcast */
    public static List<Outcome> exitToIdle(KeeperConfig config, SignerSpec guardian, SentTransactions journal) {
        List<AutoCloseable> opened = new ArrayList<>();
        Web3j web3j = Web3j.build(FailoverRpc.connect(
                config.chain().rpcUrls().stream().map(URI::toString).toList(), new RpcCallCounter(), RPC_TIMEOUT));
        opened.add(web3j::shutdown);
        try {
            Map<String, Set<String>> allowed = config.vaults().stream()
                    .collect(Collectors.toMap(
                            KeeperConfig.Vault::address, v -> Set.of(EXIT_TO_IDLE.substring(0, 10)), (a, b) -> a));
            TransactionManager transactions = new TransactionManager(
                    web3j,
                    new TransactionSigner(
                            Signers.open(guardian, opened),
                            new SigningPolicy(allowed, Web3jChainGatewayFactory.GAS_CAP)),
                    journal,
                    Web3jChainGatewayFactory.settings(config.chain()));
            List<Outcome> outcomes = new ArrayList<>();
            for (KeeperConfig.Vault vault : config.vaults()) {
                outcomes.add(new Outcome(vault.name(), exit(transactions, vault.address())));
            }
            return outcomes;
        } finally {
            for (AutoCloseable resource : opened.reversed()) {
                try {
                    resource.close();
                } catch (Exception e) {
                    // closing is best effort once the exits are sent
                }
            }
        }
    }

    private static String exit(TransactionManager transactions, String vault) {
        try {
            TransactionReceipt receipt = transactions.execute(vault, EXIT_TO_IDLE);
            return (receipt.isStatusOK() ? "exited to idle and paused" : "exitToIdle reverted") + " in block "
                    + receipt.getBlockNumber() + " (" + receipt.getTransactionHash() + ")";
        } catch (RuntimeException e) {
            return "not exited: " + e.getMessage();
        }
    }
}
