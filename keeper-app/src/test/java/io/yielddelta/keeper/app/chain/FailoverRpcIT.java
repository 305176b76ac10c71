package io.yielddelta.keeper.app.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import io.yielddelta.keeper.contracts.devchain.DevChainExtension;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.protocol.Web3j;

@ExtendWith(DevChainExtension.class)
class FailoverRpcIT {

    /** A loopback port nothing listens on: bound, then released. */
    private static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void anUnreachableFirstNodeFailsOverToTheNextAndStaysThere(DevChain chain) throws Exception {
        RpcCallCounter counter = new RpcCallCounter();
        FailoverRpc rpc = FailoverRpc.connect(List.of(closedPortUrl(), chain.rpcUrl()), counter, Duration.ofSeconds(5));
        Web3j web3j = Web3j.build(rpc);
        try {
            assertEquals(
                    BigInteger.valueOf(DevChain.SEI_CHAIN_ID),
                    web3j.ethChainId().send().getChainId());
            assertEquals(1, rpc.currentNode());
            long before = counter.roundTrips();
            web3j.ethBlockNumber().send();
            assertEquals(1, counter.roundTrips() - before); // no more attempts on the dead node
        } finally {
            web3j.shutdown();
        }
    }

    @Test
    void aNodeAnsweringWithAnHttpErrorIsSkippedToo(DevChain chain) throws Exception {
        HttpServer unavailable = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        unavailable.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        unavailable.start();
        FailoverRpc rpc = FailoverRpc.connect(
                List.of("http://127.0.0.1:" + unavailable.getAddress().getPort(), chain.rpcUrl()),
                new RpcCallCounter(),
                Duration.ofSeconds(5));
        Web3j web3j = Web3j.build(rpc);
        try {
            assertEquals(
                    BigInteger.valueOf(DevChain.SEI_CHAIN_ID),
                    web3j.ethChainId().send().getChainId());
            assertEquals(1, rpc.currentNode());
        } finally {
            web3j.shutdown();
            unavailable.stop(0);
        }
    }

    @Test
    void whenEveryNodeIsDownTheCallerGetsAnIOException() throws Exception {
        FailoverRpc rpc = FailoverRpc.connect(
                List.of(closedPortUrl(), closedPortUrl()), new RpcCallCounter(), Duration.ofSeconds(2));
        Web3j web3j = Web3j.build(rpc);
        try {
            IOException e =
                    assertThrows(IOException.class, () -> web3j.ethChainId().send());
            assertEquals("all 2 RPC nodes failed on eth_chainId", e.getMessage());
        } finally {
            web3j.shutdown();
        }
    }
}
