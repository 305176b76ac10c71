package io.yielddelta.keeper.venues.coinbase.dto;

import java.util.List;

public record ListProductsResponse(List<Product> products, Integer numProducts) {}
