package io.yielddelta.keeper.venues.coinbase.dto;

import java.util.List;

public record ListFillsResponse(List<Fill> fills, String cursor) {}
