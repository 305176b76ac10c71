package io.yielddelta.keeper.venues.dydx.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Node REST POST /cosmos/tx/v1beta1/txs. */
public record BroadcastTxRequest(@JsonProperty("tx_bytes") String txBytes, String mode) {

    /** Waits for CheckTx only: the answer says whether the mempool took the transaction. */
    public static BroadcastTxRequest sync(String txBase64) {
        return new BroadcastTxRequest(txBase64, "BROADCAST_MODE_SYNC");
    }
}
