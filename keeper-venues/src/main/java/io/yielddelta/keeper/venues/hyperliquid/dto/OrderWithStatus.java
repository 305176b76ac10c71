package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An order with its processing status ("open", "filled", "canceled", "triggered", "rejected", and the specific
 * "…Canceled" / "…Rejected" reasons), as in orderStatus and the orderUpdates stream.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderWithStatus(OpenOrder order, String status, long statusTimestamp) {}
