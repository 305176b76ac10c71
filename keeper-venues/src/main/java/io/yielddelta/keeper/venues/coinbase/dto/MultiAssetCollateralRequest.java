package io.yielddelta.keeper.venues.coinbase.dto;

/** Body of {@code POST /intx/multi_asset_collateral}. */
public record MultiAssetCollateralRequest(String portfolioUuid, Boolean multiAssetCollateralEnabled) {}
