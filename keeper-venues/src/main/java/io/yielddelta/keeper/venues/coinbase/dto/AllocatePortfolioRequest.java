package io.yielddelta.keeper.venues.coinbase.dto;

/** Body of {@code POST /intx/allocate}: moves collateral into an INTX perpetuals portfolio. */
public record AllocatePortfolioRequest(String portfolioUuid, String symbol, String amount, String currency) {}
