package io.yielddelta.keeper.app.chain;

import io.reactivex.Flowable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.websocket.events.Notification;

/**
 * A JSON-RPC node in memory for unit tests: each method answers with the JSON its script returns (a result, or an
 * error object), so node behaviours anvil does not reproduce (geth's wordings, lagging nonces) can be played.
 */
final class ScriptedRpc implements Web3jService {

    private final Map<String, Function<List<?>, String>> script = new ConcurrentHashMap<>();
    private final List<String> calls = new ArrayList<>();

    /** {@code answer} returns the JSON of {@code "result": …} or of {@code "error": {…}} (without the envelope). */
    ScriptedRpc on(String method, Function<List<?>, String> answer) {
        script.put(method, answer);
        return this;
    }

    static String result(String json) {
        return "\"result\":" + json;
    }

    static String error(String message) {
        return "\"error\":{\"code\":-32000,\"message\":\"" + message + "\"}";
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
        synchronized (this) {
            calls.add(request.getMethod());
        }
        Function<List<?>, String> answer = script.get(request.getMethod());
        if (answer == null) {
            throw new IOException("unscripted method " + request.getMethod());
        }
        String json = "{\"jsonrpc\":\"2.0\",\"id\":" + request.getId() + "," + answer.apply(request.getParams()) + "}";
        return ObjectMapperFactory.getObjectMapper().readValue(json, responseType);
    }

    @Override
    public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
        try {
            return CompletableFuture.completedFuture(send(request, responseType));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public BatchResponse sendBatch(BatchRequest batch) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest batch) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T extends Notification<?>> Flowable<T> subscribe(Request request, String unsubscribeMethod, Class<T> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
}
