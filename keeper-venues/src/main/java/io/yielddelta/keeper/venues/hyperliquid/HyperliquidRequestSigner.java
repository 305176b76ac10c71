package io.yielddelta.keeper.venues.hyperliquid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.yielddelta.keeper.core.venue.OrderRequest;
import io.yielddelta.keeper.core.venue.Side;
import io.yielddelta.keeper.venues.hyperliquid.HyperliquidSigner.TypedField;
import io.yielddelta.keeper.venues.hyperliquid.dto.ExchangeRequest;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderAction;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderTypeWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.OrderWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.SignatureWire;
import io.yielddelta.keeper.venues.hyperliquid.dto.UserSignedAction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds and signs POST /exchange bodies, without any I/O: what the venue sends, what a preview shows and what the
 * benchmark measures. L1 actions are signed for the configured vault (if any) and network.
 */
public final class HyperliquidRequestSigner {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final BigInteger SIGNATURE_CHAIN_ID = new BigInteger(HyperliquidSigner.SIGNATURE_CHAIN_ID.substring(2), 16);
    private static final List<TypedField> TRANSFER_FIELDS = List.of(
            new TypedField("hyperliquidChain", "string"),
            new TypedField("destination", "string"),
            new TypedField("amount", "string"),
            new TypedField("time", "uint64"));

    private final HyperliquidSigner signer;
    private final String vaultAddress;
    private final boolean mainnet;

    public HyperliquidRequestSigner(HyperliquidSigner signer, String vaultAddress, boolean mainnet) {
        this.signer = signer;
        this.vaultAddress = vaultAddress;
        this.mainnet = mainnet;
    }

    /** A signed exchange request: the action as sent, its signature and connection id (L1 only), and the JSON body. */
    public record SignedRequest(Object action, long nonce, EcdsaSignature signature, byte[] connectionId, String body) {}

    /**
     * One order, numbers rounded to the venue's rules in the direction that keeps within the request: size down,
     * price down for a buy and up for a sell. Time in force: market IOC → Ioc, limit → Gtc, post-only → Alo.
     *
     * @param worstPrice the limit price, or for a market order the protective price already derived from the mark
     * @throws IllegalArgumentException if the size rounds to zero or the price cannot be represented
     */
    public SignedRequest signOrder(int asset, int szDecimals, OrderRequest request, BigDecimal worstPrice, long nonce) {
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
        OrderWire wire = new OrderWire(asset, request.side() == Side.BUY, HyperliquidNumbers.toWire(price),
                HyperliquidNumbers.toWire(size), request.reduceOnly(), OrderTypeWire.limit(tif),
                request.clientId().hex128());
        return signL1(OrderAction.of(List.of(wire)), nonce);
    }

    /** Any L1 action (order, cancel, cancelByCloid, updateLeverage…) given as a DTO record or ordered map. */
    public SignedRequest signL1(Object action, long nonce) {
        byte[] connectionId = HyperliquidSigner.connectionId(MsgPackWriter.pack(action), nonce, vaultAddress, null);
        EcdsaSignature signature = signer.signL1Digest(HyperliquidSigner.l1Digest(connectionId, mainnet));
        return new SignedRequest(action, nonce, signature, connectionId, body(action, nonce, signature, vaultAddress));
    }

    /**
     * A user-signed USDC transfer, {@code usdSend} (to another Hyperliquid account, primary type
     * HyperliquidTransaction:UsdSend) or {@code withdraw3} (to the bridge, HyperliquidTransaction:Withdraw); the
     * nonce is also the action's {@code time}.
     */
    public SignedRequest signTransfer(String type, String destination, BigDecimal amount, long nonce) {
        String primaryType = switch (type) {
            case "usdSend" -> "HyperliquidTransaction:UsdSend";
            case "withdraw3" -> "HyperliquidTransaction:Withdraw";
            default -> throw new IllegalArgumentException("not a transfer action: " + type);
        };
        UserSignedAction action = new UserSignedAction(type, HyperliquidSigner.SIGNATURE_CHAIN_ID,
                mainnet ? "Mainnet" : "Testnet", destination.toLowerCase(Locale.ROOT), HyperliquidNumbers.toWire(amount), nonce);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("hyperliquidChain", action.hyperliquidChain());
        message.put("destination", action.destination());
        message.put("amount", action.amount());
        message.put("time", action.time());
        EcdsaSignature signature = signer.signUserAction(primaryType, TRANSFER_FIELDS, message, SIGNATURE_CHAIN_ID);
        // Transfers move the signer's own funds: never on behalf of a vault.
        return new SignedRequest(action, nonce, signature, null, body(action, nonce, signature, null));
    }

    public String signerAddress() {
        return signer.address();
    }

    private static String body(Object action, long nonce, EcdsaSignature signature, String vaultAddress) {
        SignatureWire wire = new SignatureWire(signature.rHex(), signature.sHex(), signature.v());
        try {
            return JSON.writeValueAsString(new ExchangeRequest(action, nonce, wire, vaultAddress, null));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + action.getClass().getSimpleName(), e);
        }
    }
}
