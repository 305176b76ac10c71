package io.yielddelta.keeper.app.store;

import io.yielddelta.keeper.core.risk.TradingState;
import io.yielddelta.keeper.core.risk.TradingStateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * The trading state shared by every keeper on one database and by the {@code halt}, {@code resume} and {@code exit}
 * commands, which may run while a keeper does: a single row whose version grows with every change.
 */
public final class JdbcTradingStateStore implements TradingStateStore {

    private static final int MAX_REASON = 400;

    private final DataSource dataSource;
    private final Clock clock;

    /** Migrates the schema, then serves. */
    public JdbcTradingStateStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        SchemaMigrator.migrate(dataSource);
    }

    @Override
    public Stored load() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT state, emergency_exit, reason, version, changed_at FROM keeper_trading_state WHERE id = 1");
                ResultSet r = p.executeQuery()) {
            if (!r.next()) {
                throw new StoreException("the trading state row is missing from keeper_trading_state", null);
            }
            return new Stored(
                    TradingState.valueOf(r.getString(1)),
                    r.getBoolean(2),
                    r.getString(3),
                    r.getLong(4),
                    r.getObject(5, OffsetDateTime.class).toInstant());
        } catch (SQLException e) {
            throw new StoreException("could not read the trading state: " + e.getMessage(), e);
        }
    }

    @Override
    public Stored save(TradingState state, boolean emergencyExit, String reason) {
        String why = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
        try (Connection c = dataSource.getConnection();
                PreparedStatement p =
                        c.prepareStatement("UPDATE keeper_trading_state SET state = ?, emergency_exit = ?,"
                                + " reason = ?, version = version + 1, changed_at = ? WHERE id = 1"
                                + " AND (state <> ? OR emergency_exit <> ?)")) {
            p.setString(1, state.name());
            p.setBoolean(2, emergencyExit);
            p.setString(3, why);
            p.setObject(4, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            p.setString(5, state.name());
            p.setBoolean(6, emergencyExit);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not store trading state " + state + ": " + e.getMessage(), e);
        }
        return load();
    }
}
