package io.yielddelta.keeper.venues.coinbase.dto;

public record FcmBalanceSummaryResponse(FcmBalanceSummary balanceSummary) {}
