package io.yielddelta.keeper.app.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Test helper: drops every table the migrations create, so the next store starts from an empty database. */
final class KeeperTables {

    private KeeperTables() {}

    static void drop(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "DROP TABLE IF EXISTS keeper_journal, keeper_sent_transaction, keeper_hedge_order, "
                            + "keeper_hedge_position, keeper_hedge_discrepancy, keeper_trading_state, keeper_hedge_status, keeper_schema_version");
        }
    }
}
