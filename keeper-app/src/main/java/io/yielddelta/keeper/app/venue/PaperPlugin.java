package io.yielddelta.keeper.app.venue;

import io.yielddelta.keeper.app.config.YamlMap;
import io.yielddelta.keeper.core.venue.HedgeVenue;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * {@code type: paper}: the simulated venue, for the sandbox (whose replayed history drives its mark); a deployment file
 * that `run` reads refuses it, since nothing would move its mark.
 */
public final class PaperPlugin implements VenuePlugin<PaperPlugin.Spec> {

    public static final BigDecimal DEFAULT_BALANCE = new BigDecimal("1000000");

    /** @param startingBalanceUsd the collateral the paper account starts with */
    public record Spec(String name, BigDecimal startingBalanceUsd) implements VenueSpec {}

    @Override
    public String type() {
        return "paper";
    }

    @Override
    public Optional<Spec> read(String name, YamlMap m) {
        BigDecimal balance = m.decimal("startingBalanceUsd", false, BigDecimal.ZERO, true, new BigDecimal("1e12"))
                .orElse(DEFAULT_BALANCE);
        m.finish();
        return Optional.of(new Spec(name, balance));
    }

    @Override
    public HedgeVenue open(Spec spec, Clients clients) {
        throw new IllegalArgumentException("venue " + spec.name()
                + ": type paper is simulated; only the sandbox and the" + " backtest hedge on it");
    }
}
