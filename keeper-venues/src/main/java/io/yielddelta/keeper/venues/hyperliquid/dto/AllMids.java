package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.Map;

/** Data of the allMids stream (and response of info allMids, which is the bare map). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AllMids(Map<String, BigDecimal> mids) {}
