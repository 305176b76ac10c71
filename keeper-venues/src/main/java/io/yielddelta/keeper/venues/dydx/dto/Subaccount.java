package io.yielddelta.keeper.venues.dydx.dto;

import java.math.BigDecimal;
import java.util.Map;

/** A subaccount as in indexer GET /v4/addresses/{address}/subaccountNumber/{n}. */
public record Subaccount(
        String address,
        int subaccountNumber,
        BigDecimal equity,
        BigDecimal freeCollateral,
        Map<String, PerpetualPosition> openPerpetualPositions,
        boolean marginEnabled) {}
