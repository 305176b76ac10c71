package io.yielddelta.keeper.venues.coinbase.dto;

/** Body of a non-2xx answer, e.g. {@code {"error":"INVALID_ARGUMENT","error_details":"…","message":"…"}}. */
public record ApiError(String error, Integer code, String message, String errorDetails) {}
