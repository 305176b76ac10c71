package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Response of info orderStatus: {@code status} is "order" (then {@code order} is set) or "unknownOid". */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderStatusResponse(String status, OrderWithStatus order) {}
