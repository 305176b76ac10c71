package io.yielddelta.keeper.app.reliability;

import io.yielddelta.keeper.app.KeeperCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * `keeper run` as its own OS process, on the test's class path, logging to a file. Two watchdogs bound it: coreutils'
 * {@code timeout -s KILL} ends it after {@link #LIFETIME} even if this JVM is killed first, and a shutdown hook of this
 * JVM kills whatever is still running.
 */
final class KeeperProcess implements AutoCloseable {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Set<ProcessHandle> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> RUNNING.forEach(ProcessHandle::destroyForcibly), "keeper-process-watchdog"));
    }

    private final String instance;
    private final Process watchdog;
    private final ProcessHandle keeper;
    private final Path log;

    private KeeperProcess(String instance, Process watchdog, ProcessHandle keeper, Path log) {
        this.instance = instance;
        this.watchdog = watchdog;
        this.keeper = keeper;
        this.log = log;
    }

    static KeeperProcess start(String instance, Path config, Map<String, String> env, Path logDir)
            throws IOException, InterruptedException {
        Path log = logDir.resolve(instance + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(
                "timeout",
                "-s",
                "KILL",
                Long.toString(LIFETIME.toSeconds()),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp",
                System.getProperty("java.class.path"),
                KeeperCli.class.getName(),
                "run",
                "--config",
                config.toString(),
                "--instance-id",
                instance));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        Process watchdog = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (watchdog.children().findAny().isEmpty()) {
            if (!watchdog.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("the keeper JVM did not start; see " + log);
            }
            Thread.sleep(10);
        }
        ProcessHandle keeper = watchdog.children().findFirst().orElseThrow();
        RUNNING.add(keeper);
        RUNNING.add(watchdog.toHandle());
        return new KeeperProcess(instance, watchdog, keeper, log);
    }

    String instance() {
        return instance;
    }

    boolean isAlive() {
        return keeper.isAlive();
    }

    /** SIGKILL: no shutdown hook, no goodbye to the database or the chain. */
    void kill9() throws InterruptedException {
        keeper.destroyForcibly();
        keeper.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        watchdog.waitFor(10, TimeUnit.SECONDS);
        RUNNING.remove(keeper);
        RUNNING.remove(watchdog.toHandle());
    }

    /** The keeper's log so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    String tail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Resident memory, threads and open file descriptors of the keeper JVM, from /proc. */
    Resources resources() throws IOException {
        Path proc = Path.of("/proc", Long.toString(keeper.pid()));
        long rssKb = 0;
        int threads = 0;
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                rssKb = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("\\D", ""));
            }
        }
        try (var fds = Files.list(proc.resolve("fd"))) {
            return new Resources(rssKb / 1024, threads, fds.count());
        }
    }

    record Resources(long rssMb, int threads, long fileDescriptors) {
        @Override
        public String toString() {
            return rssMb + " MB RSS, " + threads + " threads, " + fileDescriptors + " fds";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (keeper.isAlive()) {
            kill9();
        }
        watchdog.destroyForcibly();
    }
}
