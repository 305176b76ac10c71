package io.yielddelta.keeper.venues.dydx.dto;

/** Indexer GET /v4/addresses/{address}/subaccountNumber/{n}. */
public record SubaccountResponse(Subaccount subaccount) {}
