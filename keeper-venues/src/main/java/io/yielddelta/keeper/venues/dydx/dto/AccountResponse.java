package io.yielddelta.keeper.venues.dydx.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Node REST GET /cosmos/auth/v1beta1/accounts/{address}: a BaseAccount, integers as strings. */
public record AccountResponse(Account account) {

    public record Account(
            @JsonProperty("@type") String type,
            String address,
            @JsonProperty("account_number") String accountNumber,
            String sequence) {}
}
