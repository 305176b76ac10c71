package io.yielddelta.keeper.venues.dydx;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.venues.dydx.DydxOrderSigner.Account;
import io.yielddelta.keeper.venues.dydx.dto.AccountResponse;
import io.yielddelta.keeper.venues.dydx.dto.BroadcastTxRequest;
import io.yielddelta.keeper.venues.dydx.dto.BroadcastTxResponse;
import io.yielddelta.keeper.venues.dydx.dto.BroadcastTxResponse.TxResponse;
import io.yielddelta.keeper.venues.dydx.dto.LatestBlockResponse;
import java.io.IOException;
import okhttp3.HttpUrl;

/** The raw node REST gateway (Cosmos gRPC-gateway): the signer's account, the latest block, and the broadcast. */
final class DydxNode {

    private final DydxRestClient rest;
    private final HttpUrl base;
    private final String address;

    DydxNode(DydxRestClient rest, HttpUrl base, String address) {
        this.rest = rest;
        this.base = base;
        this.address = address;
    }

    /** GET /cosmos/auth/v1beta1/accounts/{address}: the account number and the next sequence. */
    Account account() {
        HttpUrl url = base.newBuilder()
                .addPathSegments("cosmos/auth/v1beta1/accounts")
                .addPathSegment(address)
                .build();
        AccountResponse.Account a = rest.get(url, AccountResponse.class).account();
        return new Account(Long.parseLong(a.accountNumber()), Long.parseLong(a.sequence()));
    }

    /** GET /cosmos/base/tendermint/v1beta1/blocks/latest: the chain's height. */
    long latestHeight() {
        HttpUrl url = base.newBuilder()
                .addPathSegments("cosmos/base/tendermint/v1beta1/blocks/latest")
                .build();
        return Long.parseLong(
                rest.get(url, LatestBlockResponse.class).block().header().height());
    }

    HttpUrl broadcastUrl() {
        return base.newBuilder().addPathSegments("cosmos/tx/v1beta1/txs").build();
    }

    /** POST /cosmos/tx/v1beta1/txs in sync mode; the CheckTx outcome is the caller's to read. */
    TxResponse broadcast(String txBase64, ClientOrderId clientId) {
        BroadcastTxResponse response =
                rest.act(broadcastUrl(), BroadcastTxRequest.sync(txBase64), BroadcastTxResponse.class, clientId);
        if (response.txResponse() == null) {
            throw new UnknownOutcomeException(
                    DydxVenue.NAME, clientId, new IOException("broadcast answer without tx_response"));
        }
        return response.txResponse();
    }
}
