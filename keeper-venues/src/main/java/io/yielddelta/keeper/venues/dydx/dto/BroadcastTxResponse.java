package io.yielddelta.keeper.venues.dydx.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Node REST answer to a broadcast: the CheckTx outcome ({@code code} 0 = accepted into the mempool). */
public record BroadcastTxResponse(
        @JsonProperty("tx_response") TxResponse txResponse) {

    public record TxResponse(
            String height,
            String txhash,
            String codespace,
            int code,
            @JsonProperty("raw_log") String rawLog) {}
}
