package io.yielddelta.keeper.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.yielddelta.keeper.app.service.HealthCheck;
import io.yielddelta.keeper.app.service.Service;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The sd_notify protocol over a real Unix datagram socket, bound here as systemd binds its notify socket. */
class SystemdNotifierTest {

    @TempDir
    Path dir;

    private volatile boolean ready;
    private volatile boolean alive = true;
    private final HealthCheck daemon = new HealthCheck() {
        @Override
        public Map<String, Service.Health> health() {
            return Map.of();
        }

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public boolean alive() {
            return alive;
        }
    };

    @Test
    void readyOnlyOnceTheDaemonIsReadyAndTheWatchdogOnlyWhileItIsAlive() throws Exception {
        Path socketPath = dir.resolve("notify");
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (AFUNIXDatagramChannel systemd = AFUNIXDatagramChannel.open()) {
            systemd.bind(AFUNIXSocketAddress.of(socketPath));
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        ByteBuffer buffer = ByteBuffer.allocate(512);
                        systemd.receive(buffer);
                        buffer.flip();
                        received.add(StandardCharsets.UTF_8.decode(buffer).toString());
                    }
                } catch (Exception closed) {
                    // the test closed the socket
                }
            });
            SystemdNotifier notifier = new SystemdNotifier(
                    Map.of(
                            "NOTIFY_SOCKET",
                            socketPath.toString(),
                            "WATCHDOG_USEC",
                            "200000",
                            "WATCHDOG_PID",
                            Long.toString(ProcessHandle.current().pid())),
                    daemon);
            notifier.start();
            assertThat(notifier.health().detail()).contains("watchdog every PT0.1S");

            assertThat(take(received, 3)).containsOnly("WATCHDOG=1");

            ready = true;
            List<String> later = take(received, 4);
            assertThat(later).contains("READY=1\nSTATUS=reconciled and scheduled");
            assertThat(later.stream().filter(m -> m.startsWith("READY")).count())
                    .isEqualTo(1);

            alive = false;
            Thread.sleep(150);
            received.clear(); // pings sent before it died
            Thread.sleep(400);
            assertThat(received).as("no ping from a keeper that is not alive").isEmpty();
            notifier.stop();
            assertThat(take(received, 1)).containsExactly("STOPPING=1");
            systemd.close();
            reader.join(2_000);
        }
    }

    @Test
    void outsideSystemdItDoesNothing() throws Exception {
        SystemdNotifier notifier = new SystemdNotifier(Map.of(), daemon);
        notifier.start();
        assertThat(notifier.health().detail()).contains("no NOTIFY_SOCKET");
        notifier.stop();
    }

    private static List<String> take(BlockingQueue<String> queue, int count) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String message = queue.poll(3, TimeUnit.SECONDS);
            assertThat(message)
                    .as("message %d of %d from the notifier", i + 1, count)
                    .isNotNull();
            messages.add(message);
        }
        return messages;
    }
}
