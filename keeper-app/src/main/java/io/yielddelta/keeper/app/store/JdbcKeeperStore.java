package io.yielddelta.keeper.app.store;

import io.yielddelta.keeper.core.chain.SentTransaction;
import io.yielddelta.keeper.core.chain.SentTransactions;
import io.yielddelta.keeper.core.chain.SubmittedTransaction;
import io.yielddelta.keeper.core.cycle.Decision;
import io.yielddelta.keeper.core.cycle.JournalEntry;
import io.yielddelta.keeper.core.cycle.JournalStatus;
import io.yielddelta.keeper.core.cycle.KeeperStore;
import io.yielddelta.keeper.core.policy.Action;
import io.yielddelta.keeper.core.vault.Range;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The journal in plain JDBC, on embedded H2 or PostgreSQL: the cycle journal ({@link KeeperStore}) and the record of
 * signed transactions ({@link SentTransactions}) in one database, so one backup holds both. Every write is its own
 * auto-committed statement; the cycle id's primary key makes a second decision for one cycle impossible, even from
 * another keeper.
 */
public final class JdbcKeeperStore implements KeeperStore, SentTransactions {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "cycle_id, vault_name, vault, fire_time, action, status, triggers, reason, "
            + "tick, twap_tick, current_lower, current_upper, target_lower, target_upper, deadline, tx_sender, tx_nonce, "
            + "tx_hash, mined_hash, outcome, decided_at, updated_at";

    private final DataSource dataSource;
    private final Clock clock;

    /** Migrates the schema, then serves. */
    public JdbcKeeperStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        SchemaMigrator.migrate(dataSource);
    }

    @Override
    public boolean recordDecision(Decision d) {
        String sql =
                "INSERT INTO keeper_journal (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            int i = 0;
            p.setString(++i, d.id());
            p.setString(++i, d.vaultName());
            p.setString(++i, d.vault());
            p.setObject(++i, utc(d.fireTime()));
            p.setString(++i, d.action().name());
            p.setString(++i, (d.action() == Action.REBALANCE ? JournalStatus.INTENT : JournalStatus.DECIDED).name());
            p.setString(++i, d.triggers().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
            p.setString(++i, d.reason());
            setInt(p, ++i, d.tick().isPresent() ? d.tick().getAsInt() : null);
            setInt(p, ++i, d.twapTick().isPresent() ? d.twapTick().getAsInt() : null);
            setInt(p, ++i, d.current().map(Range::tickLower).orElse(null));
            setInt(p, ++i, d.current().map(Range::tickUpper).orElse(null));
            setInt(p, ++i, d.target().map(Range::tickLower).orElse(null));
            setInt(p, ++i, d.target().map(Range::tickUpper).orElse(null));
            p.setObject(++i, d.order().map(o -> utc(o.deadline())).orElse(null), Types.TIMESTAMP_WITH_TIMEZONE);
            p.setNull(++i, Types.VARCHAR);
            p.setNull(++i, Types.BIGINT);
            p.setNull(++i, Types.VARCHAR);
            p.setNull(++i, Types.VARCHAR);
            p.setString(++i, "");
            p.setObject(++i, utc(d.decidedAt()));
            p.setObject(++i, utc(clock.instant()));
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("could not journal decision " + d.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasCycle(String cycleId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT 1 FROM keeper_journal WHERE cycle_id = ?")) {
            p.setString(1, cycleId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new StoreException("could not look up cycle " + cycleId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void recordSubmitted(String cycleId, SubmittedTransaction tx) {
        update(
                cycleId,
                "UPDATE keeper_journal SET status = 'SUBMITTED', tx_sender = ?, tx_nonce = ?, tx_hash = ?, "
                        + "updated_at = ? WHERE cycle_id = ? AND status = 'INTENT'",
                p -> {
                    p.setString(1, tx.sender());
                    p.setLong(2, tx.nonce());
                    p.setString(3, tx.hash());
                    p.setObject(4, utc(clock.instant()));
                    p.setString(5, cycleId);
                });
    }

    @Override
    public void recordOutcome(String cycleId, JournalStatus status, Optional<String> minedHash, String outcome) {
        if (status.isOpen() || status == JournalStatus.DECIDED) {
            throw new IllegalArgumentException("an outcome is CONFIRMED, FAILED or ABANDONED, not " + status);
        }
        update(
                cycleId,
                "UPDATE keeper_journal SET status = ?, mined_hash = ?, outcome = ?, updated_at = ? "
                        + "WHERE cycle_id = ? AND status IN ('INTENT', 'SUBMITTED')",
                p -> {
                    p.setString(1, status.name());
                    p.setString(2, minedHash.orElse(null));
                    p.setString(3, outcome.length() > 400 ? outcome.substring(0, 400) : outcome);
                    p.setObject(4, utc(clock.instant()));
                    p.setString(5, cycleId);
                });
    }

    @Override
    public List<JournalEntry> openEntries() {
        return query(
                "SELECT " + COLUMNS + " FROM keeper_journal WHERE status IN ('INTENT', 'SUBMITTED') "
                        + "ORDER BY decided_at, cycle_id",
                Integer.MAX_VALUE);
    }

    @Override
    public List<JournalEntry> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM keeper_journal ORDER BY decided_at DESC, cycle_id DESC", limit);
    }

    // ---------------------------------------------------------------- signed transactions

    @Override
    public void record(SentTransaction t) {
        String sql = "INSERT INTO keeper_sent_transaction (hash, sender, chain_id, nonce, max_fee_per_gas, "
                + "max_priority_fee_per_gas, raw_transaction, signed_at) VALUES (?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, t.hash());
            p.setString(2, t.sender());
            p.setLong(3, t.chainId());
            p.setLong(4, t.nonce());
            p.setBigDecimal(5, new BigDecimal(t.maxFeePerGas()));
            p.setBigDecimal(6, new BigDecimal(t.maxPriorityFeePerGas()));
            p.setString(7, t.rawTransaction());
            p.setObject(8, utc(t.signedAt()));
            p.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return; // the very same signed transaction, recorded again: nothing new to keep
            }
            throw new StoreException("could not record transaction " + t.hash() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalLong highestNonce(String sender, long chainId) {
        String sql = "SELECT MAX(nonce) FROM keeper_sent_transaction WHERE sender = ? AND chain_id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, sender.toLowerCase(java.util.Locale.ROOT));
            p.setLong(2, chainId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(max);
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the highest nonce: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SentTransaction> atNonce(String sender, long chainId, long nonce) {
        String sql =
                "SELECT sender, chain_id, nonce, hash, max_fee_per_gas, max_priority_fee_per_gas, raw_transaction, "
                        + "signed_at FROM keeper_sent_transaction WHERE sender = ? AND chain_id = ? AND nonce = ? ORDER BY id";
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, sender.toLowerCase(java.util.Locale.ROOT));
            p.setLong(2, chainId);
            p.setLong(3, nonce);
            List<SentTransaction> rows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(new SentTransaction(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getString(4),
                            rs.getBigDecimal(5).toBigIntegerExact(),
                            rs.getBigDecimal(6).toBigIntegerExact(),
                            rs.getString(7),
                            instant(rs, 8)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("could not read transactions at nonce " + nonce + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private void update(String cycleId, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            binder.bind(p);
            if (p.executeUpdate() != 1) {
                throw new IllegalStateException("journal row " + cycleId + " is missing or no longer open");
            }
        } catch (SQLException e) {
            throw new StoreException("could not update journal row " + cycleId + ": " + e.getMessage(), e);
        }
    }

    private List<JournalEntry> query(String sql, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            p.setMaxRows(limit);
            List<JournalEntry> rows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(entry(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("could not read the journal: " + e.getMessage(), e);
        }
    }

    private static JournalEntry entry(ResultSet rs) throws SQLException {
        Optional<Range> target = range(rs, "target_lower", "target_upper");
        String txHash = rs.getString("tx_hash");
        Optional<SubmittedTransaction> tx = txHash == null
                ? Optional.empty()
                : Optional.of(new SubmittedTransaction(rs.getString("tx_sender"), rs.getLong("tx_nonce"), txHash));
        return new JournalEntry(
                rs.getString("cycle_id"),
                rs.getString("vault_name"),
                rs.getString("vault"),
                instant(rs, "fire_time"),
                Action.valueOf(rs.getString("action")),
                JournalStatus.valueOf(rs.getString("status")),
                rs.getString("reason"),
                target,
                Optional.ofNullable(rs.getObject("deadline", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant),
                tx,
                Optional.ofNullable(rs.getString("mined_hash")),
                rs.getString("outcome"),
                instant(rs, "decided_at"),
                instant(rs, "updated_at"));
    }

    private static Optional<Range> range(ResultSet rs, String lower, String upper) throws SQLException {
        int l = rs.getInt(lower);
        if (rs.wasNull()) {
            return Optional.empty();
        }
        return Optional.of(new Range(l, rs.getInt(upper)));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void setInt(PreparedStatement p, int index, Integer value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.INTEGER);
        } else {
            p.setInt(index, value);
        }
    }
}
