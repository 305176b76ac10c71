package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Response of info l2Book and the l2Book stream: {@code levels} is [bids, asks], best first. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record L2Book(String coin, long time, List<List<L2Level>> levels) {}
