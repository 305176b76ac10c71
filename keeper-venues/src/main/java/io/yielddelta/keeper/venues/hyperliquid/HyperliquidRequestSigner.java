package io.yielddelta.keeper.venues.hyperliquid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.hyperliquid.dto.ExchangeRequest;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderAction;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderTypeWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.SignatureWire;
import java.math.BigDecimal;
import java.util.List;

/**
 * Builds and signs POST /exchange bodies, without any I/O: what the venue sends, what a preview shows and what the
 * benchmark measures. L1 actions are signed for the configured vault (if any) and network.
 */
final class HyperliquidRequestSigner {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HyperliquidSigner signer;
    private final String vaultAddress;
    private final boolean mainnet;

    HyperliquidRequestSigner(HyperliquidSigner signer, String vaultAddress, boolean mainnet) {
        this.signer = signer;
        this.vaultAddress = vaultAddress;
        this.mainnet = mainnet;
    }

    /** A signed exchange request: the action as sent, its signature and connection id (L1 only), and the JSON body. */
    record SignedRequest(Object action, long nonce, EcdsaSignature signature, byte[] connectionId, String body) {}

    /**
     * One order, numbers rounded to the venue's rules in the direction that keeps within the request: size down,
     * price down for a buy and up for a sell. Time in force: market IOC → Ioc, limit → Gtc, post-only → Alo.
     *
     * @param worstPrice the limit price, or for a market order the protective price already derived from the mark
     * @throws IllegalArgumentException if the size rounds to zero or the price cannot be represented
     */
    SignedRequest signOrder(int asset, int szDecimals, OrderRequest request, BigDecimal worstPrice, long nonce) {
        BigDecimal size = HyperliquidNumbers.roundSizeDown(request.size(), szDecimals);
        if (size.signum() == 0) {
            throw new IllegalArgumentException("size " + request.size().toPlainString() + " is below the lot of "
                    + request.market() + " (" + szDecimals + " decimals)");
        }
        BigDecimal price = HyperliquidNumbers.roundPrice(worstPrice, szDecimals, request.side());
        String tif = switch (request.type()) {
            case MARKET_IOC -> "Ioc";
            case LIMIT_GTC -> "Gtc";
            case POST_ONLY -> "Alo";
        };
        OrderWire wire = new OrderWire(
                asset,
                request.side() == Side.BUY,
                HyperliquidNumbers.toWire(price),
                HyperliquidNumbers.toWire(size),
                request.reduceOnly(),
                OrderTypeWire.limit(tif),
                request.clientId().hex128());
        return signL1(OrderAction.of(List.of(wire)), nonce);
    }

    /** Any L1 action (order, cancel, cancelByCloid, updateLeverage…) given as a DTO record or ordered map. */
    SignedRequest signL1(Object action, long nonce) {
        byte[] connectionId = HyperliquidSigner.connectionId(MsgPackWriter.pack(action), nonce, vaultAddress, null);
        EcdsaSignature signature = signer.signL1Digest(HyperliquidSigner.l1Digest(connectionId, mainnet));
        return new SignedRequest(action, nonce, signature, connectionId, body(action, nonce, signature, vaultAddress));
    }

    String signerAddress() {
        return signer.address();
    }

    private static String body(Object action, long nonce, EcdsaSignature signature, String vaultAddress) {
        SignatureWire wire = new SignatureWire(signature.rHex(), signature.sHex(), signature.v());
        try {
            return JSON.writeValueAsString(new ExchangeRequest(action, nonce, wire, vaultAddress, null));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot serialise " + action.getClass().getSimpleName(), e);
        }
    }
}
