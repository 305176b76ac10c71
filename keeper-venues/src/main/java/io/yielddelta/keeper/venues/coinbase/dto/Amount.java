package io.yielddelta.keeper.venues.coinbase.dto;

/** A money amount as Coinbase nests it: {@code {"value":"1.23","currency":"USD"}}. */
public record Amount(String value, String currency) {}
