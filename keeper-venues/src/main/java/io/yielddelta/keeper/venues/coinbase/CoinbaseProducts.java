package io.yielddelta.keeper.venues.coinbase;

import io.yielddelta.keeper.core.venue.Instrument;
import io.yielddelta.keeper.core.venue.OrderRejectedException;
import io.yielddelta.keeper.venues.coinbase.dto.ListProductsResponse;
import io.yielddelta.keeper.venues.coinbase.dto.Product;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured markets' Coinbase products: increments and contract size are read once and kept, prices are read
 * fresh when asked for. Markets are the keeper's names, mapped to product ids by {@link CoinbaseConfig#products()}.
 */
final class CoinbaseProducts {

    private final CoinbaseConfig config;
    private final CoinbaseRestClient rest;
    private final Map<String, Product> products = new ConcurrentHashMap<>();

    CoinbaseProducts(CoinbaseConfig config, CoinbaseRestClient rest) {
        this.config = config;
        this.rest = rest;
    }

    /** The listed perpetual products that a configured market maps to. */
    List<Instrument> instruments() {
        ListProductsResponse listed = rest.send(CoinbaseRequests.listPerpetualProducts(), ListProductsResponse.class);
        List<Instrument> instruments = new ArrayList<>();
        for (Product product : listed.products() == null ? List.<Product>of() : listed.products()) {
            String market = config.market(product.productId());
            if (market != null) {
                products.put(market, product);
                instruments.add(CoinbaseAdapters.instrument(market, product, config.derivatives()));
            }
        }
        return instruments;
    }

    Instrument instrument(String market) {
        return CoinbaseAdapters.instrument(market, product(market, false), config.derivatives());
    }

    /** Base units per unit of order size: the contract size for CFM futures, 1 for INTX perpetuals. */
    BigDecimal contractSize(String market) {
        return CoinbaseAdapters.contractSize(product(market, false), config.derivatives());
    }

    /** @throws OrderRejectedException if the market is not configured */
    String productId(String market) {
        try {
            return config.productId(market);
        } catch (IllegalArgumentException e) {
            throw new OrderRejectedException(CoinbaseRestClient.VENUE, e.getMessage());
        }
    }

    /**
     * Product details, read now when {@code fresh} (prices), else from the last read.
     *
     * @throws OrderRejectedException if Coinbase does not list the product
     */
    Product product(String market, boolean fresh) {
        String productId = productId(market);
        if (!fresh) {
            Product cached = products.get(market);
            if (cached != null) {
                return cached;
            }
        }
        Product product = rest.sendOrNull(CoinbaseRequests.getProduct(productId), Product.class);
        if (product == null) {
            throw new OrderRejectedException(CoinbaseRestClient.VENUE, "Coinbase does not list " + productId);
        }
        products.put(market, product);
        return product;
    }
}
