package io.yielddelta.keeper.app.bench;

import io.yielddelta.keeper.app.KeeperCli;
import io.yielddelta.keeper.contracts.devchain.DevChain;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keeper bench daemon --vaults N}: deploys N funded vaults on a local anvil (as {@code bench cycle} does), writes
 * a deployment file for them (keystore signers, an H2 journal, every vault's cycle every minute, the admin endpoint
 * and Prometheus on), runs a real {@code keeper run} on it in a child JVM and reports the child's resident memory
 * (VmRSS from {@code /proc}) once it is ready and while its cycles run, with the cycles it has decided.
 */
@Command(
        name = "daemon",
        mixinStandardHelpOptions = true,
        description = "Resident memory of a real `keeper run` over N vaults on a local anvil.")
public final class DaemonBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--vaults", defaultValue = "1000", description = "vaults to deploy (default: ${DEFAULT-VALUE})")
    int vaults;

    @Option(
            names = "--seconds",
            defaultValue = "180",
            description = "how long to watch the running keeper after it is ready (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--xmx", defaultValue = "512m", description = "the child's -Xmx (default: ${DEFAULT-VALUE})")
    String xmx;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("deploying %d vaults on anvil ...%n", vaults);
        out.flush();
        Path dir = Files.createTempDirectory("keeper-bench-daemon");
        try (DevChain chain = DevChain.start()) {
            List<String> addresses = CycleBenchCommand.deployVaults(chain, vaults);
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Path config = writeConfig(dir, chain, addresses, port, password);
            ProcessBuilder keeper = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx" + xmx,
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            KeeperCli.class.getName(),
                            "run",
                            "--config",
                            config.toString(),
                            "--instance-id",
                            "bench")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("keeper.log").toFile());
            keeper.environment().put("KEEPER_BENCH_KEYSTORE_PASSWORD", password);
            keeper.environment().put("KEEPER_BENCH_ADMIN_TOKEN", token);
            Process child = keeper.start();
            try {
                long started = System.nanoTime();
                HttpClient http = HttpClient.newHttpClient();
                URI ready = URI.create("http://127.0.0.1:" + port + "/ready");
                while (status(http, ready) != 200) {
                    if (!child.isAlive() || System.nanoTime() - started > TimeUnit.MINUTES.toNanos(5)) {
                        throw new IllegalStateException(
                                "the keeper did not get ready; see " + dir.resolve("keeper.log"));
                    }
                    Thread.sleep(500);
                }
                out.printf(
                        "keeper ready after %.1f s, RSS %.0f MB%n",
                        (System.nanoTime() - started) / 1e9, rssMb(child.pid()));
                double peak = 0;
                for (int s = 1; s <= seconds; s++) {
                    Thread.sleep(1_000);
                    peak = Math.max(peak, rssMb(child.pid()));
                    if (s % 30 == 0) {
                        out.printf(
                                "%4d s  RSS %.0f MB (peak %.0f MB), decisions journaled %s%n",
                                s, rssMb(child.pid()), peak, decisions(http, port));
                        out.flush();
                    }
                }
                out.printf("%d vaults: peak RSS %.0f MB with -Xmx%s%n", vaults, peak, xmx);
            } finally {
                child.destroy();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
        return 0;
    }

    private static Path writeConfig(Path dir, DevChain chain, List<String> addresses, int port, String password)
            throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        // The bench's vaults trust account 3 as keeper and account 5 as aiOracle.
        String keeper =
                WalletUtils.generateWalletFile(password, chain.account(3).getEcKeyPair(), keys.toFile(), false);
        String oracle =
                WalletUtils.generateWalletFile(password, chain.account(5).getEcKeyPair(), keys.toFile(), false);
        StringBuilder yaml = new StringBuilder("""
                chain:
                  chainId: %d
                  rpcUrls: ["%s"]
                signers:
                  keeper: {type: keystore, path: "%s", passwordEnv: KEEPER_BENCH_KEYSTORE_PASSWORD}
                  aiOracle: {type: keystore, path: "%s", passwordEnv: KEEPER_BENCH_KEYSTORE_PASSWORD}
                schedule: {defaultCron: "0 * * * * ?"}
                database: {path: "%s"}
                admin: {port: %d, token: "${KEEPER_BENCH_ADMIN_TOKEN}"}
                observability: {logFormat: json, prometheusPort: %d}
                vaults:
                """.formatted(
                        DevChain.SEI_CHAIN_ID,
                        chain.rpcUrl(),
                        keys.resolve(keeper),
                        keys.resolve(oracle),
                        dir.resolve("db/keeper"),
                        port,
                        port));
        for (int i = 0; i < addresses.size(); i++) {
            yaml.append("  - {name: vault-")
                    .append(i)
                    .append(", address: \"")
                    .append(Keys.toChecksumAddress(addresses.get(i)))
                    .append("\", pool: \"0x0000000000000000000000000000000000000001\", kind: CONCENTRATED_LIQUIDITY,"
                            + " limits: {maxNotionalUsd: 1000000}}\n");
        }
        return Files.writeString(dir.resolve("keeper-bench.yaml"), yaml);
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String decisions(HttpClient http, int port) {
        try {
            String metrics = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return String.valueOf(metrics.lines()
                    .filter(l -> l.startsWith("keeper_decisions_total{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum());
        } catch (Exception e) {
            return "?";
        }
    }

    private static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            // the process has ended
        }
        return 0;
    }
}
