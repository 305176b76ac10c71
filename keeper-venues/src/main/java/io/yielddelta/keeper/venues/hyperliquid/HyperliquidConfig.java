package io.yielddelta.keeper.venues.hyperliquid;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the keeper trades on Hyperliquid.
 *
 * @param restUrl         base URL of the REST API (POST /info, POST /exchange)
 * @param wsUrl           URL of the WebSocket API
 * @param mainnet         selects the phantom-agent source ("a" mainnet, "b" testnet) and the hyperliquidChain of
 *                        user-signed actions
 * @param accountAddress  the account whose positions and orders are read; null means the signer's own address (set it
 *                        when an API wallet signs for a master account)
 * @param vaultAddress    a vault or sub-account traded on behalf of; null for none
 * @param marketSlippage  how far from the mark a market IOC order may fill, as a fraction (0.05 = 5 %, the SDK's
 *                        default); the protective limit price is mark × (1 ± slippage)
 * @param crossMargin     leverage updates use cross margin (true) or isolated (false)
 * @param requestTimeout  whole-call timeout of one REST request; past it an order's outcome is unknown
 * @param pingInterval    WebSocket heartbeat (Hyperliquid closes connections silent for 60 s)
 * @param reconnectDelay  first delay before reconnecting a dropped stream; doubles on each failure, capped at 30 s
 */
public record HyperliquidConfig(
        String restUrl,
        String wsUrl,
        boolean mainnet,
        String accountAddress,
        String vaultAddress,
        BigDecimal marketSlippage,
        boolean crossMargin,
        Duration requestTimeout,
        Duration pingInterval,
        Duration reconnectDelay) {

    public static final String MAINNET_REST_URL = "https://api.hyperliquid.xyz";
    public static final String MAINNET_WS_URL = "wss://api.hyperliquid.xyz/ws";
    public static final String TESTNET_REST_URL = "https://api.hyperliquid-testnet.xyz";
    public static final String TESTNET_WS_URL = "wss://api.hyperliquid-testnet.xyz/ws";

    public HyperliquidConfig {
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(marketSlippage, "marketSlippage");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(reconnectDelay, "reconnectDelay");
        if (marketSlippage.signum() < 0 || marketSlippage.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("marketSlippage must be in [0, 1), was " + marketSlippage);
        }
        accountAddress = lower(accountAddress);
        vaultAddress = lower(vaultAddress);
    }

    /** Defaults pointed at other URLs (a local server in tests, a proxy in production). */
    public static HyperliquidConfig defaults(String restUrl, String wsUrl, boolean mainnet) {
        return new HyperliquidConfig(
                restUrl,
                wsUrl,
                mainnet,
                null,
                null,
                new BigDecimal("0.05"),
                true,
                Duration.ofSeconds(10),
                Duration.ofSeconds(50),
                Duration.ofSeconds(1));
    }

    public HyperliquidConfig withAccountAddress(String address) {
        return new HyperliquidConfig(
                restUrl,
                wsUrl,
                mainnet,
                address,
                vaultAddress,
                marketSlippage,
                crossMargin,
                requestTimeout,
                pingInterval,
                reconnectDelay);
    }

    public HyperliquidConfig withVaultAddress(String address) {
        return new HyperliquidConfig(
                restUrl,
                wsUrl,
                mainnet,
                accountAddress,
                address,
                marketSlippage,
                crossMargin,
                requestTimeout,
                pingInterval,
                reconnectDelay);
    }

    public HyperliquidConfig withTimings(Duration requestTimeout, Duration pingInterval, Duration reconnectDelay) {
        return new HyperliquidConfig(
                restUrl,
                wsUrl,
                mainnet,
                accountAddress,
                vaultAddress,
                marketSlippage,
                crossMargin,
                requestTimeout,
                pingInterval,
                reconnectDelay);
    }

    private static String lower(String address) {
        return address == null ? null : address.toLowerCase(java.util.Locale.ROOT);
    }
}
