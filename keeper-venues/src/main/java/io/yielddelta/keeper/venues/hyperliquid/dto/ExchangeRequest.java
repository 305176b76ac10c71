package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of POST /exchange. {@code vaultAddress} is sent as null when trading for the signer itself (as the SDK does);
 * {@code expiresAfter} is left out unless set.
 */
public record ExchangeRequest(
        Object action,
        long nonce,
        SignatureWire signature,
        String vaultAddress,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long expiresAfter) {}
