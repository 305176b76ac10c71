package io.yielddelta.keeper.venues.coinbase;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how the keeper trades on Coinbase Advanced Trade.
 *
 * @param restUrl        base URL of the REST API ({@code https://api.coinbase.com})
 * @param jwtHost        host written into the JWT {@code uri} claim; Coinbase checks it against the host it serves,
 *                       so it stays {@code api.coinbase.com} even when requests go through a proxy or a local server
 * @param wsUrl          WebSocket URL ({@code wss://advanced-trade-ws.coinbase.com})
 * @param derivatives    which derivatives book holds the positions: US perpetual-style futures (CFM) or
 *                       international perpetuals (INTX)
 * @param portfolioUuid  the INTX perpetuals portfolio; unused for CFM
 * @param products       the keeper's market name → Coinbase product id, e.g. {@code ETH → ETH-PERP-INTX}
 * @param marginType     CROSS or ISOLATED, sent with every order
 * @param defaultLeverage leverage sent with every order until {@code setLeverage} changes it for a market
 * @param requestTimeout whole-call timeout of one REST request; past it an order's outcome is unknown
 * @param reconnectDelay delay before a dropped WebSocket reconnects
 * @param staleAfter     a WebSocket silent this long (heartbeats arrive every second) is treated as dropped
 */
public record CoinbaseConfig(
        String restUrl,
        String jwtHost,
        String wsUrl,
        Derivatives derivatives,
        String portfolioUuid,
        Map<String, String> products,
        String marginType,
        int defaultLeverage,
        Duration requestTimeout,
        Duration reconnectDelay,
        Duration staleAfter) {

    public enum Derivatives {
        /** Coinbase Financial Markets: US perpetual-style futures, sized in contracts. */
        CFM,
        /** Coinbase International Exchange perpetuals, sized in base units, in one portfolio. */
        INTX
    }

    public static final String REST_URL = "https://api.coinbase.com";
    public static final String JWT_HOST = "api.coinbase.com";
    public static final String WS_URL = "wss://advanced-trade-ws.coinbase.com";

    public CoinbaseConfig {
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(jwtHost, "jwtHost");
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(derivatives, "derivatives");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(reconnectDelay, "reconnectDelay");
        Objects.requireNonNull(staleAfter, "staleAfter");
        products = Map.copyOf(Objects.requireNonNull(products, "products"));
        if (products.isEmpty()) {
            throw new IllegalArgumentException("coinbase.products: map at least one market to a product id");
        }
        if (derivatives == Derivatives.INTX && (portfolioUuid == null || portfolioUuid.isBlank())) {
            throw new IllegalArgumentException(
                    "coinbase.portfolioUuid: INTX positions live in a portfolio; set its uuid");
        }
        if (!"CROSS".equals(marginType) && !"ISOLATED".equals(marginType)) {
            throw new IllegalArgumentException("coinbase.marginType: expected CROSS or ISOLATED, was " + marginType);
        }
        if (defaultLeverage < 1) {
            throw new IllegalArgumentException("coinbase.defaultLeverage: expected at least 1, was " + defaultLeverage);
        }
    }

    /** Production endpoints with cross margin, leverage 1 and the usual timings. */
    public static CoinbaseConfig production(
            Derivatives derivatives, String portfolioUuid, Map<String, String> products) {
        return new CoinbaseConfig(
                REST_URL,
                JWT_HOST,
                WS_URL,
                derivatives,
                portfolioUuid,
                products,
                "CROSS",
                1,
                Duration.ofSeconds(10),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    public CoinbaseConfig withEndpoints(String restUrl, String wsUrl) {
        return new CoinbaseConfig(
                restUrl,
                jwtHost,
                wsUrl,
                derivatives,
                portfolioUuid,
                products,
                marginType,
                defaultLeverage,
                requestTimeout,
                reconnectDelay,
                staleAfter);
    }

    public CoinbaseConfig withTimings(Duration requestTimeout, Duration reconnectDelay, Duration staleAfter) {
        return new CoinbaseConfig(
                restUrl,
                jwtHost,
                wsUrl,
                derivatives,
                portfolioUuid,
                products,
                marginType,
                defaultLeverage,
                requestTimeout,
                reconnectDelay,
                staleAfter);
    }

    /** @throws IllegalArgumentException naming the market when it is not configured */
    public String productId(String market) {
        String product = products.get(market);
        if (product == null) {
            throw new IllegalArgumentException("coinbase.products has no product for market " + market);
        }
        return product;
    }

    /** The keeper's market for a product id, or null when the product is not configured. */
    public String market(String productId) {
        return products.entrySet().stream()
                .filter(e -> e.getValue().equals(productId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }
}
