package io.yielddelta.keeper.core.hedge;

import io.yielddelta.keeper.core.vault.VaultKind;
import java.math.BigDecimal;

/** The hedge side of the three vault kinds, as configuration presets (each field can still be overridden). */
public enum HedgePreset {
    /** Range management only: no hedge. */
    CONCENTRATED_LIQUIDITY(BigDecimal.ZERO, false),
    /** The vault's delta fully hedged on the configured venue. */
    DELTA_NEUTRAL(BigDecimal.ONE, false),
    /** Fully hedged, on whichever configured venue pays the short side the best funding. */
    ARBITRAGE(BigDecimal.ONE, true);

    private final BigDecimal hedgeRatio;
    private final boolean venueByFunding;

    HedgePreset(BigDecimal hedgeRatio, boolean venueByFunding) {
        this.hedgeRatio = hedgeRatio;
        this.venueByFunding = venueByFunding;
    }

    /** The preset of a configured vault kind. */
    public static HedgePreset of(VaultKind kind) {
        return switch (kind) {
            case CONCENTRATED_LIQUIDITY -> CONCENTRATED_LIQUIDITY;
            case DELTA_NEUTRAL -> DELTA_NEUTRAL;
            case ARBITRAGE -> ARBITRAGE;
        };
    }

    public HedgeSettings settings() {
        return new HedgeSettings(
                hedgeRatio,
                HedgeSettings.DEFAULT_BAND,
                HedgeSettings.DEFAULT_INNER_BAND,
                HedgeSettings.DEFAULT_MAX_SLIPPAGE,
                false,
                venueByFunding);
    }
}
