package io.yielddelta.keeper.app.oracle;

import io.yielddelta.keeper.app.chain.FailoverRpc;
import io.yielddelta.keeper.app.chain.MulticallReader;
import io.yielddelta.keeper.app.chain.RpcCallCounter;
import io.yielddelta.keeper.app.chain.Web3jChainGateway;
import io.yielddelta.keeper.app.chain.Web3jChainGatewayFactory;
import io.yielddelta.keeper.app.chainlink.FeedReader;
import io.yielddelta.keeper.app.config.OracleConfig;
import io.yielddelta.keeper.app.signing.Signers;
import io.yielddelta.keeper.core.signing.Signer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;

/**
 * The aiOracle as its own component: its own RPC connection, its own key (KMS or keystore), its policy per vault, and
 * the HTTP API the keeper asks for signatures. {@code keeper oracle serve} runs one as a process; the sandbox runs one
 * beside its keeper.
 */
public final class OracleProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OracleProcess.class);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(20);

    private final OracleServer server;
    private final String signer;
    private final List<AutoCloseable> opened;

    private OracleProcess(OracleServer server, String signer, List<AutoCloseable> opened) {
        this.server = server;
        this.signer = signer;
        this.opened = opened;
    }

    public static OracleProcess start(OracleConfig config) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Web3j web3j = Web3j.build(FailoverRpc.connect(
                    config.chain().rpcUrls().stream().map(URI::toString).toList(), new RpcCallCounter(), RPC_TIMEOUT));
            opened.add(web3j::shutdown);
            MulticallReader reader = new MulticallReader(
                    web3j, Web3jChainGatewayFactory.MULTICALL3, Web3jChainGatewayFactory.CALL_GAS_LIMIT);
            Signer key = Signers.open(config.signer(), opened);
            PolicyCheckedOracle oracle = new PolicyCheckedOracle(
                    config.chain().chainId(),
                    key,
                    config.vaults(),
                    Web3jChainGateway.readOnly(reader, Web3jChainGatewayFactory.MULTICALL3, () -> {}),
                    new FeedReader(reader, Web3jChainGatewayFactory.MULTICALL3));
            OracleServer server = OracleServer.start(
                    config.server().bind(),
                    config.server().port(),
                    config.server().token(),
                    oracle,
                    key.address());
            opened.add(server);
            config.vaults()
                    .forEach((vault, v) -> log.info(
                            "aiOracle {}: vault {} policy {}, Chainlink {}",
                            key.address(),
                            vault,
                            v.policy(),
                            v.feed().map(Object::toString).orElse("none")));
            log.info(
                    "aiOracle {} serving {} for {} vault(s) on chain {}; the keeper asks it for every rebalance "
                            + "signature",
                    key.address(),
                    server.url(),
                    config.vaults().size(),
                    config.chain().chainId());
            return new OracleProcess(server, key.address(), opened);
        } catch (IOException e) {
            closeAll(opened);
            throw new UncheckedIOException(
                    "cannot serve the aiOracle on " + config.server().bind() + ":"
                            + config.server().port(),
                    e);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    public URI url() {
        return server.url();
    }

    public String signer() {
        return signer;
    }

    @Override
    public void close() {
        closeAll(opened);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing the aiOracle's {} failed: {}", resource, e.toString());
            }
        }
    }
}
