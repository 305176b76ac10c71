package io.yielddelta.keeper.app.chain;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Counts HTTP round trips to the JSON-RPC nodes (a JSON-RPC batch is one), for benchmarks, metrics and tests that
 * check the read path stays at a flat number of round trips as vaults are added.
 */
public final class RpcCallCounter implements Interceptor {

    private final AtomicLong roundTrips = new AtomicLong();

    @Override
    public Response intercept(Chain chain) throws IOException {
        roundTrips.incrementAndGet();
        return chain.proceed(chain.request());
    }

    public long roundTrips() {
        return roundTrips.get();
    }
}
