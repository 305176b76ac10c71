package io.yielddelta.keeper.app.store;

import io.yielddelta.keeper.core.kernel.HedgeStatusStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/** The hedging keeper's reports of each hedge, one row per vault, read by every keeper on the database. */
public final class JdbcHedgeStatusStore implements HedgeStatusStore {

    private static final int MAX_REASON = 400;

    private final DataSource dataSource;
    private final Clock clock;

    /** Migrates the schema, then serves. */
    public JdbcHedgeStatusStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        SchemaMigrator.migrate(dataSource);
    }

    @Override
    public void report(String vault, Optional<String> downBecause) {
        String why = downBecause
                .map(r -> r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON - 1) + "…")
                .orElse(null);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE keeper_hedge_status SET down_because = ?, reported_at = ? WHERE vault = ?")) {
                update.setString(1, why);
                update.setObject(2, now);
                update.setString(3, vault);
                if (update.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO keeper_hedge_status (vault, down_because, reported_at) VALUES (?, ?, ?)")) {
                insert.setString(1, vault);
                insert.setString(2, why);
                insert.setObject(3, now);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("could not report the hedge of " + vault + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Status> read(String vault) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT down_because, reported_at FROM keeper_hedge_status WHERE vault = ?")) {
            p.setString(1, vault);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Status(
                        vault,
                        Optional.ofNullable(r.getString(1)),
                        r.getObject(2, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the hedge report of " + vault + ": " + e.getMessage(), e);
        }
    }
}
