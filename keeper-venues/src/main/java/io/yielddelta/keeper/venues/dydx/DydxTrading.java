package io.yielddelta.keeper.venues.dydx;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.OrderStatus;
import io.yielddelta.keeper.core.venue.UnknownOutcomeException;
import io.yielddelta.keeper.core.venue.VenueException;
import io.yielddelta.keeper.core.venue.VenueOrder;
import io.yielddelta.keeper.venues.MarketListing;
import io.yielddelta.keeper.venues.PreparedRequest;
import io.yielddelta.keeper.venues.ProtectiveLimit;
import io.yielddelta.keeper.venues.VenueOrders;
import io.yielddelta.keeper.venues.dydx.DydxOrderSigner.Account;
import io.yielddelta.keeper.venues.dydx.DydxOrderSigner.SignedTx;
import io.yielddelta.keeper.venues.dydx.dto.IndexerOrder;
import io.yielddelta.keeper.venues.dydx.proto.Order;
import io.yielddelta.keeper.venues.dydx.proto.OrderId;
import io.yielddelta.keeper.venues.transport.VenueHttp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Orders on dYdX v4: built and signed as the chain's Order, broadcast as MsgPlaceOrder / MsgCancelOrder through
 * {@link DydxTransactions}, and read back from the indexer.
 *
 * <p><b>Ids.</b> The chain knows an order by (subaccount, client id = {@link ClientOrderId#uint32()}, order flags,
 * clob pair); the venue order id used here is the indexer's UUID of that tuple, computed locally
 * ({@link DydxOrderIds}), so a lookup by client id is one GET per order kind and needs no listing. An order the indexer
 * does not know is never placed only once no block can place it any more ({@link DydxPendingOrders}).
 */
final class DydxTrading implements VenueOrders {

    private final DydxConfig config;
    private final DydxOrderSigner signer;
    private final DydxIndexer indexer;
    private final DydxNode node;
    private final DydxTransactions transactions;
    private final MarketListing<DydxMarket> markets;
    private final DydxClientIds clientIds;
    private final DydxPendingOrders pending;
    private final Clock clock;

    DydxTrading(
            DydxConfig config,
            DydxOrderSigner signer,
            DydxIndexer indexer,
            DydxNode node,
            MarketListing<DydxMarket> markets,
            DydxClientIds clientIds,
            DydxPendingOrders pending,
            Clock clock) {
        this.config = config;
        this.signer = signer;
        this.indexer = indexer;
        this.node = node;
        this.transactions = new DydxTransactions(node);
        this.markets = markets;
        this.clientIds = clientIds;
        this.pending = pending;
        this.clock = clock;
    }

    /**
     * Signs and broadcasts the order. Accepted by CheckTx means accepted into the mempool, not matched: the order is
     * returned as OPEN under its indexer id, and its fills arrive through the stream or the indexer.
     */
    @Override
    public VenueOrder place(OrderRequest request) {
        DydxMarket market = markets.get(request.market());
        Order order = buildOrder(request, market);
        String id = DydxOrderIds.indexerOrderId(
                signer.address(),
                signer.subaccountNumber(),
                request.clientId().uint32(),
                market.clobPairId(),
                order.getOrderId().getOrderFlags());
        clientIds.remember(id, request.clientId());
        boolean shortTerm = DydxOrderSigner.isShortTerm(request.type());
        if (shortTerm) {
            pending.broadcasting(request.clientId(), Integer.toUnsignedLong(order.getGoodTilBlock()));
        }
        try {
            transactions.broadcast(request.clientId(), !shortTerm, acct -> signer.placeOrder(order, acct));
        } catch (UnknownOutcomeException mayStand) {
            throw mayStand;
        } catch (VenueException refused) {
            pending.settled(request.clientId()); // refused before the mempool: it can never be placed
            throw refused;
        }
        return new VenueOrder(
                id,
                request.clientId(),
                request.market(),
                request.side(),
                market.quantizer().size(BigInteger.valueOf(order.getQuantums())),
                BigDecimal.ZERO,
                null,
                market.quantizer().price(new BigInteger(Long.toUnsignedString(order.getSubticks()))),
                OrderStatus.OPEN,
                request.reduceOnly());
    }

    /**
     * The broadcast the keeper would send, signed with {@code nonce} as the account sequence (the account number and,
     * for a short-term order, the block height are read from the node).
     */
    @Override
    public PreparedRequest preview(OrderRequest request, long nonce) {
        Order order = buildOrder(request, markets.get(request.market()));
        Account acct = new Account(node.account().accountNumber(), nonce);
        SignedTx tx = signer.placeOrder(order, acct);
        Map<String, String> signature = new LinkedHashMap<>();
        HexFormat hex = HexFormat.of();
        signature.put("signer", signer.address());
        signature.put("chain_id", config.chainId());
        signature.put("account_number", Long.toString(acct.accountNumber()));
        signature.put("sequence", Long.toString(acct.sequence()));
        signature.put("client_id", Long.toString(request.clientId().uint32()));
        signature.put("quantums", Long.toUnsignedString(order.getQuantums()));
        signature.put("subticks", Long.toUnsignedString(order.getSubticks()));
        signature.put(
                order.hasGoodTilBlock() ? "good_til_block" : "good_til_block_time",
                Integer.toUnsignedString(
                        order.hasGoodTilBlock() ? order.getGoodTilBlock() : order.getGoodTilBlockTime()));
        signature.put("sign_doc", hex.formatHex(tx.signDocBytes()));
        signature.put("signature", hex.formatHex(tx.signature()));
        signature.put("tx_hash", tx.txHash());
        String body = VenueHttp.mapper()
                .createObjectNode()
                .put("tx_bytes", tx.txBase64())
                .put("mode", "BROADCAST_MODE_SYNC")
                .toString();
        return new PreparedRequest(
                "POST", node.broadcastUrl().toString(), Map.of("Content-Type", "application/json"), body, signature);
    }

    @Override
    public void cancel(String market, String venueOrderId) {
        IndexerOrder order = indexer.order(venueOrderId)
                .orElseThrow(() -> new OrderRejectedException(DydxVenue.NAME, "no order " + venueOrderId));
        cancel(order, clientIds.of(order.id()));
    }

    @Override
    public void cancelByClientId(String market, ClientOrderId clientId) {
        IndexerOrder order = indexerOrder(market, clientId)
                .orElseThrow(() -> new OrderRejectedException(DydxVenue.NAME, "no order with client id " + clientId));
        cancel(order, clientId);
    }

    @Override
    public Optional<VenueOrder> orderByVenueId(String market, String venueOrderId) {
        ClientOrderId clientId = clientIds.of(venueOrderId);
        return found(indexer.order(venueOrderId), clientId).map(o -> DydxAdapters.order(o, clientId));
    }

    /** The indexer id of (subaccount, client id, clob pair, flags) is computed for short-term and long-term orders. */
    @Override
    public Optional<VenueOrder> orderByClientId(String market, ClientOrderId clientId) {
        return found(indexerOrder(market, clientId), clientId).map(o -> DydxAdapters.order(o, clientId));
    }

    @Override
    public List<VenueOrder> openOrders() {
        return indexer.openOrders().stream()
                .map(o -> DydxAdapters.order(o, clientIds.of(o.id())))
                .toList();
    }

    /**
     * dYdX v4 cross margin has no leverage setting: the limit is each market's initial margin fraction. A request
     * above it is refused so that the caller does not believe it holds.
     */
    @Override
    public void setLeverage(String market, int leverage) {
        int max = markets.get(market).instrument().maxLeverage();
        if (leverage < 1 || leverage > max) {
            throw new OrderRejectedException(
                    DydxVenue.NAME, "leverage " + leverage + " outside 1.." + max + " for " + market);
        }
    }

    /** The indexer's answer, unless "not found" cannot yet be told from "not placed yet". */
    private Optional<IndexerOrder> found(Optional<IndexerOrder> order, ClientOrderId clientId) {
        if (clientId != null) {
            if (order.isPresent()) {
                pending.settled(clientId);
            } else {
                pending.requireNoLongerPlaceable(clientId);
            }
        }
        return order;
    }

    private Order buildOrder(OrderRequest request, DydxMarket market) {
        try {
            if (DydxOrderSigner.isShortTerm(request.type())) {
                long goodTilBlock = node.latestHeight() + config.shortTermBlocks();
                return signer.order(request, market, worstPrice(request), goodTilBlock, 0);
            }
            long goodTilBlockTime =
                    clock.instant().plus(config.statefulOrderLifetime()).getEpochSecond();
            return signer.order(request, market, worstPrice(request), 0, goodTilBlockTime);
        } catch (IllegalArgumentException e) {
            throw new OrderRejectedException(DydxVenue.NAME, e.getMessage());
        }
    }

    /** The limit price; for a market IOC without one, the oracle moved by the configured slippage (its bound). */
    private BigDecimal worstPrice(OrderRequest request) {
        if (request.limitPrice() != null) {
            return request.limitPrice();
        }
        return ProtectiveLimit.of(
                request.side(), indexer.perpetualMarket(request.market()).oraclePrice(), config.marketSlippage());
    }

    private void cancel(IndexerOrder order, ClientOrderId clientId) {
        int flags = Integer.parseInt(order.orderFlags());
        OrderId id = signer.orderId(Long.parseLong(order.clientId()), flags, Integer.parseInt(order.clobPairId()));
        boolean shortTerm = flags == DydxOrderIds.SHORT_TERM;
        long goodTilBlock = shortTerm ? node.latestHeight() + config.shortTermBlocks() : 0;
        // A stateful cancel must be good till no earlier than the order itself, and within the chain's window.
        long goodTilBlockTime = shortTerm
                ? 0
                : order.goodTilBlockTime() != null
                        ? Instant.parse(order.goodTilBlockTime()).getEpochSecond()
                        : clock.instant().plus(config.statefulOrderLifetime()).getEpochSecond();
        transactions.broadcast(
                clientId, !shortTerm, acct -> signer.cancelOrder(id, goodTilBlock, goodTilBlockTime, acct));
    }

    private Optional<IndexerOrder> indexerOrder(String market, ClientOrderId clientId) {
        int clobPairId = markets.get(market).clobPairId();
        for (int flags : new int[] {DydxOrderIds.SHORT_TERM, DydxOrderIds.LONG_TERM}) {
            Optional<IndexerOrder> order = indexer.order(DydxOrderIds.indexerOrderId(
                    signer.address(), signer.subaccountNumber(), clientId.uint32(), clobPairId, flags));
            if (order.isPresent()) {
                return order;
            }
        }
        return Optional.empty();
    }
}
