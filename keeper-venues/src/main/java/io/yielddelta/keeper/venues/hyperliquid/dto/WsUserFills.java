package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Data of the userFills stream; the first message after subscribing has {@code isSnapshot = true}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WsUserFills(Boolean isSnapshot, String user, List<UserFill> fills) {}
