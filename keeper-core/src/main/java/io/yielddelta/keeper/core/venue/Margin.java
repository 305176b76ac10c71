package io.yielddelta.keeper.core.venue;

import java.math.BigDecimal;

/**
 * Collateral state of the keeper's account on a venue, in the venue's settlement currency (USDC).
 *
 * @param accountValue collateral plus unrealised P&amp;L
 * @param marginUsed   initial margin held by open positions and orders
 * @param withdrawable what could be moved out now
 */
public record Margin(BigDecimal accountValue, BigDecimal marginUsed, BigDecimal withdrawable) {}
