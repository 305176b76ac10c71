package io.yielddelta.keeper.venues.coinbase;

import io.yielddelta.keeper.core.venue.ClientOrderId;
import io.yielddelta.keeper.core.venue.Fill;
import io.yielddelta.keeper.core.venue.Margin;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.core.venue.Position;
import io.yielddelta.keeper.venues.coinbase.dto.FcmBalanceSummary;
import io.yielddelta.keeper.venues.coinbase.dto.FcmBalanceSummaryResponse;
import io.yielddelta.keeper.venues.coinbase.dto.FcmPosition;
import io.yielddelta.keeper.venues.coinbase.dto.FcmPositionsResponse;
import io.yielddelta.keeper.venues.coinbase.dto.IntxPortfolioSummary;
import io.yielddelta.keeper.venues.coinbase.dto.IntxPosition;
import io.yielddelta.keeper.venues.coinbase.dto.IntxPositionsResponse;
import io.yielddelta.keeper.venues.coinbase.dto.ListFillsResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account on the derivatives book {@link CoinbaseConfig#derivatives()} names: positions and margin from the US
 * futures account (CFM) or the INTX portfolio, the account's fills, and the leverage each market's orders carry
 * (Coinbase has no separate leverage setting).
 */
final class CoinbaseAccount {

    static final int MAX_PAGES = 10;
    static final int PAGE_SIZE = 250;

    private final CoinbaseConfig config;
    private final CoinbaseRestClient rest;
    private final CoinbaseProducts products;
    private final Map<String, Integer> leverage = new ConcurrentHashMap<>();
    /** Fills name only their order: the keeper's client id comes from the orders it has seen. */
    private final Map<String, ClientOrderId> clientIdsByOrderId = new ConcurrentHashMap<>();

    CoinbaseAccount(CoinbaseConfig config, CoinbaseRestClient rest, CoinbaseProducts products) {
        this.config = config;
        this.rest = rest;
        this.products = products;
    }

    List<Position> positions() {
        List<Position> positions = new ArrayList<>();
        if (config.derivatives() == CoinbaseConfig.Derivatives.CFM) {
            FcmPositionsResponse response =
                    rest.send(CoinbaseRequests.listFuturesPositions(), FcmPositionsResponse.class);
            for (FcmPosition p : response.positions() == null ? List.<FcmPosition>of() : response.positions()) {
                String market = config.market(p.productId());
                if (market != null) {
                    positions.add(
                            CoinbaseAdapters.position(market, p, products.contractSize(market), leverage(market)));
                }
            }
        } else {
            IntxPositionsResponse response = rest.send(
                    CoinbaseRequests.perpetualsPositions(config.portfolioUuid()), IntxPositionsResponse.class);
            for (IntxPosition p : response.positions() == null ? List.<IntxPosition>of() : response.positions()) {
                // INTX names the product in symbol; product_id may be absent or a UUID-like id
                String market =
                        Optional.ofNullable(config.market(p.symbol())).orElseGet(() -> config.market(p.productId()));
                if (market != null) {
                    positions.add(CoinbaseAdapters.position(market, p, leverage(market)));
                }
            }
        }
        return positions.stream().filter(p -> p.size().signum() != 0).toList();
    }

    Margin margin() {
        if (config.derivatives() == CoinbaseConfig.Derivatives.CFM) {
            FcmBalanceSummary summary = rest.send(
                            CoinbaseRequests.futuresBalanceSummary(), FcmBalanceSummaryResponse.class)
                    .balanceSummary();
            return CoinbaseAdapters.margin(summary);
        }
        IntxPortfolioSummary summary = rest.send(
                CoinbaseRequests.perpetualsPortfolioSummary(config.portfolioUuid()), IntxPortfolioSummary.class);
        return CoinbaseAdapters.margin(summary);
    }

    /** The configured products' fills at or after {@code since}, oldest first. */
    List<Fill> fillsSince(Instant since) {
        List<Fill> fills = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ListFillsResponse response = rest.send(
                    CoinbaseRequests.listFills(
                            null, List.copyOf(config.products().values()), since.toString(), null, PAGE_SIZE, cursor),
                    ListFillsResponse.class);
            for (var fill : response.fills() == null
                    ? List.<io.yielddelta.keeper.venues.coinbase.dto.Fill>of()
                    : response.fills()) {
                String market = config.market(fill.productId());
                Instant time = Instant.parse(fill.tradeTime());
                if (market != null && !time.isBefore(since)) {
                    fills.add(CoinbaseAdapters.fill(
                            market, fill, products.contractSize(market), clientIdsByOrderId.get(fill.orderId())));
                }
            }
            if (response.cursor() == null || response.cursor().isEmpty()) {
                break;
            }
            cursor = response.cursor();
        }
        fills.sort(Comparator.comparing(Fill::time));
        return fills;
    }

    /** An order the keeper has seen, so that its fills carry its client id. */
    void seen(String orderId, ClientOrderId clientId) {
        clientIdsByOrderId.put(orderId, clientId);
    }

    int leverage(String market) {
        return leverage.getOrDefault(market, config.defaultLeverage());
    }

    /** Remembered and sent with each later order of the market. */
    void setLeverage(String market, int newLeverage) {
        int max = products.instrument(market).maxLeverage();
        if (newLeverage < 1 || newLeverage > max) {
            throw new OrderRejectedException(
                    CoinbaseRestClient.VENUE, "leverage " + newLeverage + " for " + market + " is outside 1.." + max);
        }
        leverage.put(market, newLeverage);
    }
}
