package io.yielddelta.keeper.app.observability;

import io.yielddelta.keeper.app.service.HealthCheck;
import io.yielddelta.keeper.app.service.Service;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how the keeper is (the {@code sd_notify} protocol: datagrams on the Unix socket named by
 * {@code NOTIFY_SOCKET}): {@code READY=1} once every service runs (reconciled and scheduled), {@code WATCHDOG=1} every
 * half {@code WATCHDOG_USEC} while nothing has failed or stopped, so a keeper that is wedged or has lost a service is
 * restarted by the unit's {@code WatchdogSec}, and {@code STOPPING=1} on the way out. Started first, so the watchdog
 * is fed while the journal is being reconciled. Outside systemd (no {@code NOTIFY_SOCKET}) it does nothing.
 *
 * <p>The JDK's Unix-domain channels do streams only ({@code DatagramChannel.open(UNIX)} throws "Protocol family not
 * supported" on Java 25), hence junixsocket's datagram channel.
 */
public final class SystemdNotifier implements Service {

    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);

    private final Map<String, String> environment;
    private final HealthCheck daemon;
    private ScheduledExecutorService executor;
    private AFUNIXDatagramChannel socket;
    private AFUNIXSocketAddress target;
    private volatile boolean readySent;
    private volatile Health health = Health.of(State.NEW, "not started");

    /** @param daemon whose readiness and liveness are reported */
    public SystemdNotifier(Map<String, String> environment, HealthCheck daemon) {
        this.environment = environment;
        this.daemon = daemon;
    }

    @Override
    public String name() {
        return "systemd";
    }

    @Override
    public synchronized void start() throws IOException {
        String notify = environment.get("NOTIFY_SOCKET");
        if (notify == null || notify.isBlank()) {
            health = Health.of(State.RUNNING, "not started by systemd (no NOTIFY_SOCKET)");
            return;
        }
        if (executor != null) {
            return;
        }
        target = notify.startsWith("@")
                ? AFUNIXSocketAddress.of(("\0" + notify.substring(1)).getBytes(StandardCharsets.UTF_8))
                : AFUNIXSocketAddress.of(Path.of(notify));
        socket = AFUNIXDatagramChannel.open();
        Duration every = watchdogInterval();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keeper-systemd");
            t.setDaemon(true);
            return t;
        });
        long period = every == null ? 1_000 : every.toMillis();
        executor.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.MILLISECONDS);
        health = Health.of(
                State.RUNNING,
                every == null ? "notifying systemd (no watchdog)" : "notifying systemd, watchdog every " + every);
    }

    /** Half the unit's WatchdogSec, or null when the watchdog is off or meant for another process. */
    private Duration watchdogInterval() {
        String usec = environment.get("WATCHDOG_USEC");
        String pid = environment.get("WATCHDOG_PID");
        if (usec == null
                || (pid != null
                        && !pid.equals(Long.toString(ProcessHandle.current().pid())))) {
            return null;
        }
        return Duration.ofNanos(Long.parseLong(usec.trim()) * 1_000 / 2);
    }

    private void tick() {
        try {
            if (!readySent && daemon.ready()) {
                readySent = send("READY=1\nSTATUS=reconciled and scheduled");
            }
            if (watchdogInterval() != null && daemon.alive()) {
                send("WATCHDOG=1");
            }
        } catch (RuntimeException e) {
            // A task that throws is never run again: the watchdog would starve a healthy keeper.
            log.warn("notifying systemd failed: {}", e.toString());
        }
    }

    private synchronized boolean send(String state) {
        if (socket == null) {
            return false;
        }
        try {
            socket.send(ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8)), target);
            return true;
        } catch (IOException e) {
            log.warn("cannot notify systemd: {}", e.toString());
            return false;
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running != null) {
            running.shutdownNow();
            send("STOPPING=1");
            synchronized (this) {
                try {
                    socket.close();
                } catch (IOException e) {
                    log.debug("closing the systemd socket: {}", e.toString());
                }
                socket = null;
            }
        }
        health = Health.of(State.STOPPED, "stopped");
    }

    @Override
    public Health health() {
        return health;
    }
}
