package io.yielddelta.keeper.contracts.devchain;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An anvil node from the pinned npm package, on a free loopback port. A small shell watchdog owns the process: it
 * kills anvil when the JVM goes away, even by SIGKILL, so no node outlives the test or sandbox that started it.
 */
final class Anvil implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Anvil.class);
    private static final Path BINARY = Path.of("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process watchdog;
    private final int port;

    private Anvil(Process watchdog, int port) {
        this.watchdog = watchdog;
        this.port = port;
    }

    static Anvil start(long chainId, String mnemonic, List<String> extraArgs) {
        Path binary = ContractsDir.locate().resolve(BINARY);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("anvil not found at " + binary + ": run `npm ci` in contracts/ first");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "-c",
                WATCHDOG,
                binary.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--chain-id",
                Long.toString(chainId),
                // Uniswap V3 mint/swap gas estimates come out too low under anvil's default hardfork (TRAPS.md).
                "--hardfork",
                "cancun",
                "--mnemonic",
                mnemonic,
                "--accounts",
                "10",
                "--balance",
                "1000000",
                // Past its in-memory window anvil writes every old block's full state under ~/.foundry/anvil/tmp:
                // deploying 1,000 vaults filled 78 GB and the disk. Old states are dropped instead.
                "--max-persisted-states",
                "0"));
        command.addAll(extraArgs);
        try {
            Path logFile = Files.createTempFile("anvil-" + port + "-", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            Anvil anvil = new Anvil(process, port);
            anvil.awaitListening(logFile);
            log.debug("anvil on port {} (log {})", port, logFile);
            return anvil;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start anvil: " + e.getMessage(), e);
        }
    }

    // $0 is the anvil binary, $@ its arguments; {JAVA_PID} is replaced with this JVM's pid.
    private static final String WATCHDOG =
            """
            "$0" "$@" & node=$!
            trap 'kill $node 2>/dev/null; wait $node 2>/dev/null' EXIT
            while kill -0 {JAVA_PID} 2>/dev/null && kill -0 $node 2>/dev/null; do sleep 0.2; done
            """.replace("{JAVA_PID}", Long.toString(ProcessHandle.current().pid()));

    String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitListening(Path logFile) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!watchdog.isAlive()) {
                throw new IllegalStateException("anvil exited at start: " + Files.readString(logFile));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleepQuietly(50);
            }
        }
        close();
        throw new IllegalStateException("anvil did not listen on port " + port + " within " + START_TIMEOUT);
    }

    @Override
    public void close() {
        // Kill the node itself first (the watchdog's trap would too, but only after its current sleep).
        watchdog.descendants().forEach(ProcessHandle::destroy);
        watchdog.destroy();
        try {
            if (!watchdog.waitFor(5, TimeUnit.SECONDS)) {
                watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
                watchdog.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for anvil", e);
        }
    }
}
