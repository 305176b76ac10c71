package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A user-signed transfer: {@code type} "usdSend" (to another Hyperliquid account) or "withdraw3" (to the bridge).
 * Only hyperliquidChain, destination, amount and time are signed; {@code time} is also the request nonce.
 */
@JsonPropertyOrder({"type", "signatureChainId", "hyperliquidChain", "destination", "amount", "time"})
public record UserSignedAction(
        String type, String signatureChainId, String hyperliquidChain, String destination, String amount, long time) {}
