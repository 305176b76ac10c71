package io.yielddelta.keeper.venues.hyperliquid.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Response of info {@code {"type":"meta"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Meta(List<AssetMeta> universe) {}
