package io.yielddelta.keeper.app.chain;

import io.reactivex.Flowable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.websocket.events.Notification;
import org.web3j.utils.Async;

/**
 * JSON-RPC over several nodes: requests go to the current node; when it cannot be reached or answers with an HTTP
 * error, the next one takes over (and stays current until it fails in turn). A JSON-RPC error in a well-formed answer
 * (a revert, "nonce too low") is the node's verdict and is not retried elsewhere.
 *
 * <p>Nodes are named by position in logs, never by URL: RPC URLs often carry API keys.
 */
public final class FailoverRpc implements Web3jService {

    private static final Logger log = LoggerFactory.getLogger(FailoverRpc.class);

    private final List<HttpService> nodes;
    private final ChainMetrics metrics;
    private final AtomicInteger current = new AtomicInteger();

    public FailoverRpc(List<HttpService> nodes) {
        this(nodes, ChainMetrics.NONE);
    }

    /** @param metrics told of every round trip, by node position */
    public FailoverRpc(List<HttpService> nodes, ChainMetrics metrics) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("at least one RPC URL is needed");
        }
        this.nodes = List.copyOf(nodes);
        this.metrics = metrics;
    }

    /** One HTTP client (with the round-trip counter and timeouts) shared by a service per URL. */
    public static FailoverRpc connect(List<String> urls, RpcCallCounter counter, Duration timeout) {
        return connect(urls, counter, timeout, ChainMetrics.NONE);
    }

    /** As {@link #connect(List, RpcCallCounter, Duration)}, reporting every round trip to {@code metrics}. */
    public static FailoverRpc connect(
            List<String> urls, RpcCallCounter counter, Duration timeout, ChainMetrics metrics) {
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(counter)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
        return new FailoverRpc(
                urls.stream().map(url -> new HttpService(url, client)).toList(), metrics);
    }

    /** Position (0-based) of the node now in use. */
    public int currentNode() {
        return current.get();
    }

    @FunctionalInterface
    private interface Call<T> {
        T on(HttpService node) throws IOException;
    }

    private <T> T withFailover(String what, Call<T> call) throws IOException {
        IOException last = null;
        for (int tried = 0; tried < nodes.size(); tried++) {
            int index = current.get();
            long started = System.nanoTime();
            try {
                T answer = call.on(nodes.get(index));
                metrics.rpcCall(index, what, Duration.ofNanos(System.nanoTime() - started), false);
                return answer;
            } catch (IOException | ClientConnectionException e) {
                metrics.rpcCall(index, what, Duration.ofNanos(System.nanoTime() - started), true);
                int next = (index + 1) % nodes.size();
                current.compareAndSet(index, next);
                log.warn(
                        "RPC node #{} failed on {} ({}); switching to node #{}",
                        index,
                        what,
                        e.getClass().getSimpleName(),
                        next);
                last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
        }
        throw new IOException("all " + nodes.size() + " RPC nodes failed on " + what, last);
    }

    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        return withFailover(request.getMethod(), node -> node.send(request, responseType));
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        return Async.run(() -> send(request, responseType));
    }

    @Override
    public BatchResponse sendBatch(BatchRequest batch) throws IOException {
        return withFailover("batch", node -> node.sendBatch(batch));
    }

    @Override
    public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest batch) {
        return Async.run(() -> sendBatch(batch));
    }

    @Override
    public <T extends Notification<?>> Flowable<T> subscribe(Request request, String unsubscribeMethod, Class<T> type) {
        throw new UnsupportedOperationException("subscriptions need a WebSocket node; the keeper polls over HTTP");
    }

    @Override
    public void close() throws IOException {
        for (HttpService node : nodes) {
            node.close();
        }
    }
}
