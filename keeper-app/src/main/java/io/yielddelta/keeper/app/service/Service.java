package io.yielddelta.keeper.app.service;

/**
 * A part of the daemon with a life of its own (after Teku's services): started in order by the
 * {@link ServiceController}, stopped in reverse order, each reporting its health. Constructors start nothing:
 * threads, sockets and schedules begin in {@link #start}.
 */
public interface Service {

    /** A short name for the health report ({@code reconcile}, {@code hedging}…). */
    String name();

    /**
     * Starts the service; returns once it runs. May block until the service is ready (reconciliation), and then
     * throws if {@link #stop} is called meanwhile.
     */
    void start() throws Exception;

    /** Stops it; safe to call more than once, and for a service that never started. */
    void stop();

    Health health();

    /** @param detail what the operator should know, never a secret */
    record Health(State state, String detail) {
        public static Health of(State state, String detail) {
            return new Health(state, detail);
        }
    }

    enum State {
        /** Not started yet. */
        NEW,
        /** Starting: not ready yet (reconciling, waiting for leadership…). */
        STARTING,
        RUNNING,
        /** Running, but something needs attention (a hedge down, a failing sync). */
        DEGRADED,
        FAILED,
        STOPPED
    }
}
