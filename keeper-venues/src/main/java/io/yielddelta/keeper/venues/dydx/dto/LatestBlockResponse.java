package io.yielddelta.keeper.venues.dydx.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Node REST GET /cosmos/base/tendermint/v1beta1/blocks/latest (only the header is read). */
public record LatestBlockResponse(Block block) {

    public record Block(Header header) {}

    public record Header(@JsonProperty("chain_id") String chainId, String height, String time) {}
}
