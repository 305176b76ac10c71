package io.yielddelta.keeper.app.hedge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which keeper of a cluster hedges. Vault cycles are spread by Quartz, but the hedge follows a continuous mark stream,
 * so exactly one keeper may run it: the one holding a PostgreSQL session advisory lock on its own connection. The lock
 * goes with the connection, so a keeper that dies or loses the database hands the hedge over to another.
 */
public final class HedgeLeadership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HedgeLeadership.class);
    private static final long LOCK = 0x6b656570657248L; // "keeperH"

    private final DataSource dataSource;
    private final boolean clustered;
    private Connection held;

    /** @param clustered false for a single keeper on its own database: it always leads */
    public HedgeLeadership(DataSource dataSource, boolean clustered) {
        this.dataSource = dataSource;
        this.clustered = clustered;
    }

    /** Whether this keeper leads now: keeps a held lock alive, or tries to take it. */
    public synchronized boolean leads() {
        if (!clustered) {
            return true;
        }
        try {
            if (held != null && held.isValid(2)) {
                return true;
            }
            release();
            Connection c = dataSource.getConnection();
            try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                p.setLong(1, LOCK);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next() && r.getBoolean(1)) {
                        held = c;
                        log.info("this keeper now runs the hedges of the cluster");
                        return true;
                    }
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            log.warn("hedge leadership unknown, not hedging: {}", e.getMessage());
            release();
            return false;
        }
    }

    private void release() {
        if (held != null) {
            // A pooled connection outlives close(): unlock first, or the pool would keep the lock.
            try (PreparedStatement p = held.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                p.setLong(1, LOCK);
                p.execute();
            } catch (SQLException e) {
                log.debug("unlocking hedge leadership: {}", e.getMessage());
            }
            try {
                held.close();
            } catch (SQLException e) {
                log.debug("closing the leadership connection: {}", e.getMessage());
            }
            held = null;
        }
    }

    @Override
    public synchronized void close() {
        release();
    }
}
