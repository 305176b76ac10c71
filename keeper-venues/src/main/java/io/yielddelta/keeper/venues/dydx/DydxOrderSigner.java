package io.yielddelta.keeper.venues.dydx;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderType;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.dydx.proto.AuthInfo;
import io.yielddelta.keeper.venues.dydx.proto.Coin;
import io.yielddelta.keeper.venues.dydx.proto.Fee;
import io.yielddelta.keeper.venues.dydx.proto.ModeInfo;
import io.yielddelta.keeper.venues.dydx.proto.MsgCancelOrder;
import io.yielddelta.keeper.venues.dydx.proto.MsgPlaceOrder;
import io.yielddelta.keeper.venues.dydx.proto.Order;
import io.yielddelta.keeper.venues.dydx.proto.OrderId;
import io.yielddelta.keeper.venues.dydx.proto.PubKey;
import io.yielddelta.keeper.venues.dydx.proto.SignDoc;
import io.yielddelta.keeper.venues.dydx.proto.SignMode;
import io.yielddelta.keeper.venues.dydx.proto.SignerInfo;
import io.yielddelta.keeper.venues.dydx.proto.SubaccountId;
import io.yielddelta.keeper.venues.dydx.proto.TxBody;
import io.yielddelta.keeper.venues.dydx.proto.TxRaw;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Builds and signs the keeper's dYdX v4 transactions, with no I/O: shared by the venue, the order preview and the
 * benchmark.
 *
 * <p>Order kinds: a market IOC order is <b>short-term</b> (order flags 0, good till block ≤ current height + 20, kept
 * in memory by validators and not charged a sequence number); a limit or post-only order is <b>stateful</b> (long-term,
 * flags 64, good till a block time, written to chain state and charged a sequence number). Reduce-only is accepted by
 * the chain only on IOC (and fill-or-kill) orders, so a reduce-only limit order is refused here before signing.
 */
final class DydxOrderSigner {

    static final String PLACE_ORDER_TYPE_URL = "/dydxprotocol.clob.MsgPlaceOrder";
    static final String CANCEL_ORDER_TYPE_URL = "/dydxprotocol.clob.MsgCancelOrder";
    static final String PUBKEY_TYPE_URL = "/cosmos.crypto.secp256k1.PubKey";
    /** The chain's ShortBlockWindow: a short-term order may live at most this many blocks past the current one. */
    static final int MAX_SHORT_TERM_BLOCKS = 20;

    private final DydxWallet wallet;
    private final String chainId;
    private final SubaccountId subaccount;
    private final Fee fee;
    private final Any publicKey;

    /** An account's number and its next sequence, as the node's auth module reports them. */
    record Account(long accountNumber, long sequence) {}

    /** A signed transaction, ready to broadcast as {@link #txBase64()}. */
    record SignedTx(byte[] txBytes, byte[] signDocBytes, byte[] signature) {
        String txBase64() {
            return Base64.getEncoder().encodeToString(txBytes);
        }

        /** The hash the chain names the transaction by: SHA-256 of its bytes, upper-case hex. */
        String txHash() {
            return HexFormat.of().withUpperCase().formatHex(DydxWallet.sha256(txBytes));
        }
    }

    DydxOrderSigner(
            DydxWallet wallet,
            String chainId,
            int subaccountNumber,
            String feeDenom,
            BigInteger feeAmount,
            long gasLimit) {
        this.wallet = wallet;
        this.chainId = chainId;
        this.subaccount = SubaccountId.newBuilder()
                .setOwner(wallet.address())
                .setNumber(subaccountNumber)
                .build();
        Fee.Builder feeBuilder = Fee.newBuilder().setGasLimit(gasLimit);
        if (feeAmount.signum() > 0) {
            feeBuilder.addAmount(Coin.newBuilder().setDenom(feeDenom).setAmount(feeAmount.toString()));
        }
        this.fee = feeBuilder.build();
        this.publicKey = Any.newBuilder()
                .setTypeUrl(PUBKEY_TYPE_URL)
                .setValue(PubKey.newBuilder()
                        .setKey(ByteString.copyFrom(wallet.publicKey()))
                        .build()
                        .toByteString())
                .build();
    }

    String address() {
        return wallet.address();
    }

    int subaccountNumber() {
        return subaccount.getNumber();
    }

    /** Short-term orders use good-till-block; stateful ones good-till-block-time. */
    static boolean isShortTerm(OrderType type) {
        return type == OrderType.MARKET_IOC;
    }

    /**
     * The chain order for a request.
     *
     * @param worstPrice        the limit price, or a market order's protective price
     * @param goodTilBlock      for a short-term order: the last block it may match in (current height + 1..20)
     * @param goodTilBlockTime  for a stateful order: unix seconds it expires at
     * @throws IllegalArgumentException if the order cannot be expressed without exceeding the intent
     */
    Order order(
            OrderRequest request, DydxMarket market, BigDecimal worstPrice, long goodTilBlock, long goodTilBlockTime) {
        boolean buy = request.side() == Side.BUY;
        boolean shortTerm = isShortTerm(request.type());
        if (request.reduceOnly() && !shortTerm) {
            throw new IllegalArgumentException("dYdX accepts reduce-only only on IOC orders, not " + request.type());
        }
        OrderId id = OrderId.newBuilder()
                .setSubaccountId(subaccount)
                .setClientId((int) request.clientId().uint32())
                .setOrderFlags(shortTerm ? DydxOrderIds.SHORT_TERM : DydxOrderIds.LONG_TERM)
                .setClobPairId(market.clobPairId())
                .build();
        Order.Builder order = Order.newBuilder()
                .setOrderId(id)
                .setSide(buy ? Order.Side.SIDE_BUY : Order.Side.SIDE_SELL)
                .setQuantums(market.quantizer().quantumsAtMost(request.size()).longValue())
                .setSubticks(
                        market.quantizer().subticksNoWorseThan(worstPrice, buy).longValue())
                .setReduceOnly(request.reduceOnly());
        switch (request.type()) {
            case MARKET_IOC ->
                order.setTimeInForce(Order.TimeInForce.TIME_IN_FORCE_IOC).setGoodTilBlock(uint32(goodTilBlock));
            case LIMIT_GTC -> order.setGoodTilBlockTime(uint32(goodTilBlockTime));
            case POST_ONLY ->
                order.setTimeInForce(Order.TimeInForce.TIME_IN_FORCE_POST_ONLY)
                        .setGoodTilBlockTime(uint32(goodTilBlockTime));
        }
        return order.build();
    }

    SignedTx placeOrder(Order order, Account account) {
        return sign(
                PLACE_ORDER_TYPE_URL, MsgPlaceOrder.newBuilder().setOrder(order).build(), account);
    }

    /** Cancels a short-term order until {@code goodTilBlock}, or a stateful one with {@code goodTilBlockTime}. */
    SignedTx cancelOrder(OrderId id, long goodTilBlock, long goodTilBlockTime, Account account) {
        MsgCancelOrder.Builder cancel = MsgCancelOrder.newBuilder().setOrderId(id);
        if (id.getOrderFlags() == DydxOrderIds.SHORT_TERM) {
            cancel.setGoodTilBlock(uint32(goodTilBlock));
        } else {
            cancel.setGoodTilBlockTime(uint32(goodTilBlockTime));
        }
        return sign(CANCEL_ORDER_TYPE_URL, cancel.build(), account);
    }

    OrderId orderId(long clientId, int orderFlags, int clobPairId) {
        return OrderId.newBuilder()
                .setSubaccountId(subaccount)
                .setClientId((int) clientId)
                .setOrderFlags(orderFlags)
                .setClobPairId(clobPairId)
                .build();
    }

    /** One message, one signer, SIGN_MODE_DIRECT. */
    SignedTx sign(String typeUrl, MessageLite message, Account account) {
        byte[] body = TxBody.newBuilder()
                .addMessages(Any.newBuilder().setTypeUrl(typeUrl).setValue(message.toByteString()))
                .build()
                .toByteArray();
        byte[] authInfo = AuthInfo.newBuilder()
                .addSignerInfos(SignerInfo.newBuilder()
                        .setPublicKey(publicKey)
                        .setModeInfo(ModeInfo.newBuilder()
                                .setSingle(ModeInfo.Single.newBuilder().setMode(SignMode.SIGN_MODE_DIRECT)))
                        .setSequence(account.sequence()))
                .setFee(fee)
                .build()
                .toByteArray();
        byte[] signDoc = SignDoc.newBuilder()
                .setBodyBytes(ByteString.copyFrom(body))
                .setAuthInfoBytes(ByteString.copyFrom(authInfo))
                .setChainId(chainId)
                .setAccountNumber(account.accountNumber())
                .build()
                .toByteArray();
        byte[] signature = wallet.signDirect(signDoc);
        byte[] tx = TxRaw.newBuilder()
                .setBodyBytes(ByteString.copyFrom(body))
                .setAuthInfoBytes(ByteString.copyFrom(authInfo))
                .addSignatures(ByteString.copyFrom(signature))
                .build()
                .toByteArray();
        return new SignedTx(tx, signDoc, signature);
    }

    private static int uint32(long value) {
        if (value <= 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("good-till value must be a non-zero uint32, was " + value);
        }
        return (int) value;
    }
}
