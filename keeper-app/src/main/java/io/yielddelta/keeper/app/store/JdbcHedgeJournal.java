package io.yielddelta.keeper.app.store;

import io.yielddelta.keeper.core.hedge.Discrepancy;
import io.yielddelta.keeper.core.hedge.HedgeIntent;
import io.yielddelta.keeper.core.hedge.HedgeJournal;
import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.core.venue.VenueOrder;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The hedge journal in the keeper's database (H2 or PostgreSQL), beside the rebalance journal: every hedge order is
 * written before it is sent, keyed by its client id, and the expected position per venue and market moves with each
 * newly reported fill in the same transaction as the order's row.
 */
public final class JdbcHedgeJournal implements HedgeJournal {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String INTENT_COLUMNS =
            "decision_id, vault, venue, market, side, size, limit_price, order_type, " + "reduce_only, decided_at";

    private enum Stage {
        INTENDED,
        UNKNOWN,
        OPEN,
        SETTLED
    }

    private final DataSource dataSource;
    private final Clock clock;

    /** Migrates the schema, then serves. */
    public JdbcHedgeJournal(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        SchemaMigrator.migrate(dataSource);
    }

    @Override
    public boolean recordIntent(HedgeIntent intent) {
        OrderRequest r = intent.request();
        String sql = "INSERT INTO keeper_hedge_order (client_id, " + INTENT_COLUMNS + ", stage, filled, detail, "
                + "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            int i = 0;
            p.setString(++i, r.clientId().hex128());
            p.setString(++i, r.clientId().decisionId());
            p.setString(++i, intent.vault());
            p.setString(++i, intent.venue());
            p.setString(++i, r.market());
            p.setString(++i, r.side().name());
            p.setBigDecimal(++i, r.size());
            p.setBigDecimal(++i, r.limitPrice());
            p.setString(++i, r.type().name());
            p.setBoolean(++i, r.reduceOnly());
            p.setObject(++i, utc(intent.decidedAt()));
            p.setString(++i, Stage.INTENDED.name());
            p.setBigDecimal(++i, BigDecimal.ZERO);
            p.setString(++i, "");
            p.setObject(++i, utc(clock.instant()));
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("could not journal hedge order " + r.clientId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void recordOrder(ClientOrderId clientId, VenueOrder order) {
        inTransaction("record the venue's report of " + clientId, c -> {
            Row row = lockRow(c, clientId);
            BigDecimal newlyFilled = order.filledSize().subtract(row.filled());
            if (newlyFilled.signum() != 0) {
                addToExpected(
                        c, row.venue(), order.market(), order.side() == Side.BUY ? newlyFilled : newlyFilled.negate());
            }
            Stage stage = order.status().isTerminal() ? Stage.SETTLED : Stage.OPEN;
            try (PreparedStatement p = c.prepareStatement("UPDATE keeper_hedge_order SET stage = ?, filled = ?, "
                    + "venue_order_id = ?, detail = ?, updated_at = ? WHERE client_id = ?")) {
                p.setString(1, stage.name());
                p.setBigDecimal(2, order.filledSize());
                p.setString(3, order.venueOrderId());
                p.setString(4, order.status().name());
                p.setObject(5, utc(clock.instant()));
                p.setString(6, clientId.hex128());
                p.executeUpdate();
            }
        });
    }

    @Override
    public void recordUnknown(ClientOrderId clientId, String detail) {
        setStage(clientId, Stage.UNKNOWN, detail);
    }

    @Override
    public void recordNotPlaced(ClientOrderId clientId, String reason) {
        setStage(clientId, Stage.SETTLED, "not placed: " + reason);
    }

    @Override
    public Optional<HedgeIntent> intent(ClientOrderId clientId) {
        List<HedgeIntent> found = intents("client_id = ?", clientId.hex128());
        return found.stream().findFirst();
    }

    @Override
    public List<HedgeIntent> inFlight() {
        return intents("stage <> ?", Stage.SETTLED.name());
    }

    @Override
    public BigDecimal expectedPosition(String venue, String market) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT expected FROM keeper_hedge_position WHERE venue = ? AND market = ?")) {
            p.setString(1, venue);
            p.setString(2, market);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1).stripTrailingZeros() : BigDecimal.ZERO;
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "could not read the expected " + venue + " " + market + " position: " + e.getMessage(), e);
        }
    }

    @Override
    public void recordDiscrepancy(Discrepancy d, boolean adopted) {
        inTransaction("record a " + d.kind() + " discrepancy on " + d.venue(), c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO keeper_hedge_discrepancy (kind, venue, market, "
                    + "expected, actual, client_id, detail, adopted, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
                p.setString(1, d.kind().name());
                p.setString(2, d.venue());
                p.setString(3, d.market());
                p.setBigDecimal(4, d.expected());
                p.setBigDecimal(5, d.actual());
                p.setString(6, d.clientId() == null ? null : d.clientId().hex128());
                p.setString(7, shorten(d.detail() == null ? "" : d.detail()));
                p.setBoolean(8, adopted);
                p.setObject(9, utc(clock.instant()));
                p.executeUpdate();
            }
            if (adopted && d.kind() == Discrepancy.Kind.POSITION && d.actual() != null) {
                BigDecimal current = expected(c, d.venue(), d.market());
                addToExpected(c, d.venue(), d.market(), d.actual().subtract(current));
            }
        });
    }

    private record Row(String venue, BigDecimal filled) {}

    private static Row lockRow(Connection c, ClientOrderId clientId) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT venue, filled FROM keeper_hedge_order WHERE client_id = ? FOR UPDATE")) {
            p.setString(1, clientId.hex128());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("order " + clientId + " was never journaled");
                }
                return new Row(rs.getString(1), rs.getBigDecimal(2));
            }
        }
    }

    private static BigDecimal expected(Connection c, String venue, String market) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT expected FROM keeper_hedge_position WHERE venue = ? AND market = ? FOR UPDATE")) {
            p.setString(1, venue);
            p.setString(2, market);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : BigDecimal.ZERO;
            }
        }
    }

    private void addToExpected(Connection c, String venue, String market, BigDecimal change) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE keeper_hedge_position SET expected = expected + ?, "
                + "updated_at = ? WHERE venue = ? AND market = ?")) {
            update.setBigDecimal(1, change);
            update.setObject(2, utc(clock.instant()));
            update.setString(3, venue);
            update.setString(4, market);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO keeper_hedge_position (venue, market, " + "expected, updated_at) VALUES (?,?,?,?)")) {
            insert.setString(1, venue);
            insert.setString(2, market);
            insert.setBigDecimal(3, change);
            insert.setObject(4, utc(clock.instant()));
            insert.executeUpdate();
        }
    }

    private void setStage(ClientOrderId clientId, Stage stage, String detail) {
        inTransaction("set " + clientId + " " + stage, c -> {
            lockRow(c, clientId);
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE keeper_hedge_order SET stage = ?, detail = ?, updated_at = ? WHERE client_id = ?")) {
                p.setString(1, stage.name());
                p.setString(2, shorten(detail));
                p.setObject(3, utc(clock.instant()));
                p.setString(4, clientId.hex128());
                p.executeUpdate();
            }
        });
    }

    private List<HedgeIntent> intents(String where, String parameter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT " + INTENT_COLUMNS + " FROM keeper_hedge_order WHERE "
                        + where + " ORDER BY decided_at")) {
            p.setString(1, parameter);
            List<HedgeIntent> intents = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    BigDecimal limit = rs.getBigDecimal("limit_price");
                    OrderRequest request = new OrderRequest(
                            rs.getString("market"),
                            Side.valueOf(rs.getString("side")),
                            rs.getBigDecimal("size").stripTrailingZeros(),
                            limit == null ? null : limit.stripTrailingZeros(),
                            OrderType.valueOf(rs.getString("order_type")),
                            rs.getBoolean("reduce_only"),
                            ClientOrderId.of(rs.getString("decision_id")));
                    intents.add(new HedgeIntent(
                            rs.getString("vault"),
                            rs.getString("venue"),
                            request,
                            rs.getObject("decided_at", OffsetDateTime.class).toInstant()));
                }
            }
            return intents;
        } catch (SQLException e) {
            throw new StoreException("could not read hedge orders: " + e.getMessage(), e);
        }
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(String what, Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    private static String shorten(String text) {
        return text.length() > 400 ? text.substring(0, 400) : text;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
