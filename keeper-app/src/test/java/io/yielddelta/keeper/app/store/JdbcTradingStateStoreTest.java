package io.yielddelta.keeper.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.yielddelta.keeper.app.hedge.LoggedRiskEvents;
import io.yielddelta.keeper.core.risk.RiskLimits;
import io.yielddelta.keeper.core.risk.TradingControl;
import io.yielddelta.keeper.core.risk.TradingState;
import io.yielddelta.keeper.core.risk.TradingStateStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two keepers (two controls) on one H2 file database: each change made by one is taken over by the other. */
class JdbcTradingStateStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final RiskLimits LIMITS = RiskLimits.withDefaults(
            new BigDecimal("20000"), new BigDecimal("100000"), new BigDecimal("150000"), new BigDecimal("1000"));

    @TempDir
    Path dir;

    private HikariDataSource db;

    @BeforeEach
    void open() {
        db = Databases.open(DatabaseSettings.h2(dir.resolve("keeper")));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private TradingControl keeper() {
        return new TradingControl(
                new JdbcTradingStateStore(db, CLOCK), LIMITS, Map.of(), CLOCK, new LoggedRiskEvents());
    }

    @Test
    void aFreshDatabaseStartsActive() {
        TradingControl control = keeper();
        assertThat(control.engine().state()).isEqualTo(TradingState.ACTIVE);
        assertThat(control.engine().rebalancingAllowed()).isTrue();
    }

    @Test
    void aHaltTakesEffectHereAtOnceAndOnTheOtherKeeperAtItsNextSync() {
        TradingControl a = keeper();
        TradingControl b = keeper();

        TradingStateStore.Stored stored = a.halt("operator: venue incident");

        assertThat(a.engine().state()).isEqualTo(TradingState.HALTED);
        assertThat(stored.state()).isEqualTo(TradingState.HALTED);
        assertThat(stored.reason()).isEqualTo("operator: venue incident");
        assertThat(b.engine().state()).isEqualTo(TradingState.ACTIVE);
        b.sync();
        assertThat(b.engine().state()).isEqualTo(TradingState.HALTED);
        assertThat(b.engine().rebalancingAllowed()).isFalse();

        b.resume("operator: incident over");
        a.sync();
        assertThat(a.engine().state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void anEmergencyExitSurvivesARestartAndOnlyResumeEndsIt() {
        keeper().exit("operator: get out");

        TradingControl restarted = keeper();
        assertThat(restarted.engine().state()).isEqualTo(TradingState.REDUCING);
        assertThat(restarted.engine().emergencyExitInForce()).isTrue();
        assertThat(restarted.engine().rebalancingAllowed()).isFalse();

        restarted.halt("operator: and stop closing too");
        TradingControl again = keeper();
        assertThat(again.engine().state()).isEqualTo(TradingState.HALTED);
        assertThat(again.engine().emergencyExitInForce()).isTrue();

        again.resume("operator: back to normal");
        assertThat(keeper().engine().rebalancingAllowed()).isTrue();
    }

    @Test
    void theDailyLossLimitMovesEveryKeeperToReducing() {
        TradingControl a = keeper();
        TradingControl b = keeper();

        a.engine().observeEquity(new BigDecimal("500000"));
        a.engine().observeEquity(new BigDecimal("498999"));

        assertThat(a.engine().state()).isEqualTo(TradingState.REDUCING);
        b.sync();
        assertThat(b.engine().state()).isEqualTo(TradingState.REDUCING);
        assertThat(new JdbcTradingStateStore(db, CLOCK).load().reason()).contains("daily loss 1001");
    }

    @Test
    void savingTheSameStateTwiceDoesNotBumpTheVersion() {
        TradingControl a = keeper();
        long first = a.halt("one").version();
        assertThat(a.halt("two").version()).isEqualTo(first);
    }
}
