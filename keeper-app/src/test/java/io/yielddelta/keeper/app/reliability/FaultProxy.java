package io.yielddelta.keeper.app.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP/1.1 proxy in front of one JSON-RPC node that injects faults by JSON-RPC method: a delay, an HTTP
 * 500, a connection reset (RST, no answer), a dropped request (read, never answered: the client times out), or a
 * request held before it reaches the node or after the node answered (the test kills the keeper while it waits).
 * Every answer passed on is counted, so a test can see which of two nodes a keeper uses. Held and dropped requests wait at most {@link #MAX_HOLD}, so the proxy always stops.
 */
final class FaultProxy implements AutoCloseable {

    /** What the proxy does to a matching request. */
    enum Fault {
        NONE,
        DELAY,
        HTTP_500,
        RESET,
        DROP,
        HOLD_REQUEST,
        HOLD_RESPONSE
    }

    static final Duration MAX_HOLD = Duration.ofSeconds(90);
    /** The bytes CR LF CR LF ending a request's head. */
    private static final int END_OF_HEAD = 0x0d0a0d0a;

    private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([A-Za-z0-9_]+)\"");

    /** A fault on the requests naming one of {@code methods} (empty: every request). */
    private record Rule(Fault fault, Set<String> methods, Duration delay) {
        boolean matches(Set<String> called) {
            return methods.isEmpty() || called.stream().anyMatch(methods::contains);
        }
    }

    private final ServerSocket server;
    private final URI upstream;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final AtomicReference<Rule> rule = new AtomicReference<>(new Rule(Fault.NONE, Set.of(), Duration.ZERO));
    /** Where held requests wait, and whether they go on once it opens. */
    private record Gate(CountDownLatch open, AtomicBoolean forward) {
        static Gate closed() {
            return new Gate(new CountDownLatch(1), new AtomicBoolean(true));
        }
    }

    private final AtomicReference<Gate> gate = new AtomicReference<>(Gate.closed());
    private final AtomicReference<CountDownLatch> holding = new AtomicReference<>(new CountDownLatch(1));
    private final ConcurrentHashMap<String, AtomicLong> answered = new ConcurrentHashMap<>();
    private final AtomicLong faulted = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private FaultProxy(ServerSocket server, URI upstream) {
        this.server = server;
        this.upstream = upstream;
        this.acceptor =
                Thread.ofVirtual().name("fault-proxy-" + server.getLocalPort()).start(this::accept);
    }

    static FaultProxy to(String upstreamUrl) throws IOException {
        return new FaultProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), URI.create(upstreamUrl));
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/";
    }

    /** From now on, {@code fault} for requests calling one of {@code methods} (none named: every request). */
    FaultProxy inject(Fault fault, String... methods) {
        return inject(fault, Duration.ZERO, methods);
    }

    FaultProxy inject(Fault fault, Duration delay, String... methods) {
        holding.set(new CountDownLatch(1));
        rule.set(new Rule(fault, new LinkedHashSet<>(java.util.List.of(methods)), delay));
        return this;
    }

    /** No more faults; held requests go on. */
    void heal() {
        release(true);
    }

    /** No more faults; held requests are dropped unanswered, as if they had never reached the node. */
    void healDiscardingHeld() {
        release(false);
    }

    private void release(boolean forward) {
        rule.set(new Rule(Fault.NONE, Set.of(), Duration.ZERO));
        Gate held = gate.getAndSet(Gate.closed());
        held.forward().set(forward);
        held.open().countDown();
    }

    /** Waits until a request is held by a HOLD fault. */
    boolean awaitHolding(Duration timeout) throws InterruptedException {
        return holding.get().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Answers passed on (a batch counts once for each method in it). */
    long answeredTotal() {
        return answered.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Requests a fault was applied to. */
    long faulted() {
        return faulted.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream()) {
            while (true) {
                byte[] body = readRequest(in);
                if (body == null) {
                    return;
                }
                Set<String> called = methods(body);
                Rule now = rule.get();
                Fault fault = now.matches(called) ? now.fault() : Fault.NONE;
                if (fault != Fault.NONE) {
                    faulted.incrementAndGet();
                }
                switch (fault) {
                    case RESET -> {
                        socket.setSoLinger(true, 0);
                        return;
                    }
                    case DROP -> {
                        hold();
                        return;
                    }
                    case HOLD_REQUEST -> {
                        if (!hold()) {
                            return;
                        }
                    }
                    case HTTP_500 -> {
                        write(out, 500, "{\"error\":\"injected\"}".getBytes(StandardCharsets.UTF_8));
                        continue;
                    }
                    case DELAY -> Thread.sleep(now.delay().toMillis());
                    default -> {}
                }
                HttpResponse<byte[]> answer = client.send(
                        HttpRequest.newBuilder(upstream)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (fault == Fault.HOLD_RESPONSE && !hold()) {
                    return;
                }
                write(out, answer.statusCode(), answer.body());
                called.forEach(
                        m -> answered.computeIfAbsent(m, k -> new AtomicLong()).incrementAndGet());
            }
        } catch (SocketException gone) {
            // the keeper was killed or closed the connection
        } catch (IOException e) {
            // as above, mid-write
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    /** Waits for the gate (at most {@link #MAX_HOLD}); whether the held request goes on. */
    private boolean hold() throws InterruptedException {
        Gate held = gate.get();
        holding.get().countDown();
        held.open().await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
        return held.forward().get();
    }

    private static Set<String> methods(byte[] body) {
        Set<String> called = new LinkedHashSet<>();
        Matcher m = METHOD.matcher(new String(body, StandardCharsets.UTF_8));
        while (m.find()) {
            called.add(m.group(1));
        }
        return called;
    }

    /** The body of the next request on the connection, or null once the client closed it. */
    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while (last4 != END_OF_HEAD && (b = in.read()) != -1) {
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        if (last4 != END_OF_HEAD) {
            return null;
        }
        int length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-length")) {
                    length = Integer.parseInt(line.substring(colon + 1).trim());
                } else if (name.equals("transfer-encoding")) {
                    throw new IOException("chunked requests are not supported by the fault proxy");
                }
            }
        }
        return in.readNBytes(length);
    }

    private static void write(OutputStream out, int status, byte[] body) throws IOException {
        String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Error") + "\r\nContent-Type: application/json"
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        heal();
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        acceptor.interrupt();
        client.close();
    }
}
