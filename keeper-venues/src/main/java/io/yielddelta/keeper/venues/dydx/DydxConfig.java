package io.yielddelta.keeper.venues.dydx;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the keeper trades on dYdX v4.
 *
 * @param indexerUrl             indexer REST base, e.g. {@code https://indexer.dydx.trade/v4}
 * @param indexerWsUrl           indexer WebSocket, e.g. {@code wss://indexer.dydx.trade/v4/ws}
 * @param nodeRestUrl            a full node's REST gateway (Cosmos gRPC-gateway): accounts, latest block, broadcast
 * @param chainId                signed into every SignDoc ({@code dydx-mainnet-1}, {@code dydx-testnet-4})
 * @param subaccountNumber       the subaccount traded (0..127)
 * @param shortTermBlocks        a market IOC order is good till current height + this (1..20, the chain's window)
 * @param statefulOrderLifetime  how long a limit / post-only order lives (good till block time)
 * @param marketSlippage         protective limit of a market IOC without a price: oracle × (1 ± slippage)
 * @param feeDenom               fee coin denomination, when a fee is paid
 * @param feeAmount              fee in feeDenom's base units (0: order messages pay no gas fee on dYdX)
 * @param gasLimit               gas limit written into the fee
 * @param requestTimeout         whole-call timeout of one REST request; past it a broadcast's outcome is unknown
 * @param reconnectDelay         first delay before reconnecting a dropped stream; doubles, capped at 30 s
 */
public record DydxConfig(
        String indexerUrl,
        String indexerWsUrl,
        String nodeRestUrl,
        String chainId,
        int subaccountNumber,
        int shortTermBlocks,
        Duration statefulOrderLifetime,
        BigDecimal marketSlippage,
        String feeDenom,
        BigInteger feeAmount,
        long gasLimit,
        Duration requestTimeout,
        Duration reconnectDelay) {

    public static final String MAINNET_INDEXER_URL = "https://indexer.dydx.trade/v4";
    public static final String MAINNET_INDEXER_WS_URL = "wss://indexer.dydx.trade/v4/ws";
    public static final String MAINNET_CHAIN_ID = "dydx-mainnet-1";

    public DydxConfig {
        Objects.requireNonNull(indexerUrl, "indexerUrl");
        Objects.requireNonNull(indexerWsUrl, "indexerWsUrl");
        Objects.requireNonNull(nodeRestUrl, "nodeRestUrl");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(statefulOrderLifetime, "statefulOrderLifetime");
        Objects.requireNonNull(marketSlippage, "marketSlippage");
        Objects.requireNonNull(feeDenom, "feeDenom");
        Objects.requireNonNull(feeAmount, "feeAmount");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(reconnectDelay, "reconnectDelay");
        if (subaccountNumber < 0 || subaccountNumber > 127) {
            throw new IllegalArgumentException("subaccountNumber must be in 0..127, was " + subaccountNumber);
        }
        if (shortTermBlocks < 1 || shortTermBlocks > DydxOrderSigner.MAX_SHORT_TERM_BLOCKS) {
            throw new IllegalArgumentException("shortTermBlocks must be in 1..20, was " + shortTermBlocks);
        }
        if (marketSlippage.signum() < 0 || marketSlippage.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("marketSlippage must be in [0, 1), was " + marketSlippage);
        }
        if (statefulOrderLifetime.isNegative() || statefulOrderLifetime.compareTo(Duration.ofDays(90)) > 0) {
            throw new IllegalArgumentException("statefulOrderLifetime must be within the chain's 95-day window");
        }
    }

    /** Defaults for the given endpoints: subaccount 0, 10 blocks, 28 days, 5 % slippage, no fee, 1,000,000 gas. */
    public static DydxConfig defaults(String indexerUrl, String indexerWsUrl, String nodeRestUrl, String chainId) {
        return new DydxConfig(
                indexerUrl,
                indexerWsUrl,
                nodeRestUrl,
                chainId,
                0,
                10,
                Duration.ofDays(28),
                new BigDecimal("0.05"),
                "adydx",
                BigInteger.ZERO,
                1_000_000,
                Duration.ofSeconds(10),
                Duration.ofSeconds(1));
    }

    public DydxConfig withTimings(Duration requestTimeout, Duration reconnectDelay) {
        return new DydxConfig(
                indexerUrl,
                indexerWsUrl,
                nodeRestUrl,
                chainId,
                subaccountNumber,
                shortTermBlocks,
                statefulOrderLifetime,
                marketSlippage,
                feeDenom,
                feeAmount,
                gasLimit,
                requestTimeout,
                reconnectDelay);
    }
}
