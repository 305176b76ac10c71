package io.yielddelta.keeper.venues.coinbase.dto;

/** The {@code order_configuration} object: exactly one member is set, naming the order type and time in force. */
public record OrderConfiguration(
        MarketIoc marketMarketIoc,
        LimitIoc sorLimitIoc,
        LimitGtc limitLimitGtc,
        LimitGtd limitLimitGtd,
        LimitIoc limitLimitFok,
        StopLimitGtc stopLimitStopLimitGtc,
        StopLimitGtd stopLimitStopLimitGtd,
        TriggerBracketGtc triggerBracketGtc,
        TriggerBracketGtd triggerBracketGtd) {

    public record MarketIoc(String quoteSize, String baseSize) {}

    public record LimitIoc(String baseSize, String limitPrice) {}

    public record LimitGtc(String baseSize, String limitPrice, Boolean postOnly) {}

    public record LimitGtd(String baseSize, String limitPrice, String endTime, Boolean postOnly) {}

    public record StopLimitGtc(String baseSize, String limitPrice, String stopPrice, String stopDirection) {}

    public record StopLimitGtd(
            String baseSize, String limitPrice, String stopPrice, String endTime, String stopDirection) {}

    public record TriggerBracketGtc(String baseSize, String limitPrice, String stopTriggerPrice) {}

    public record TriggerBracketGtd(String baseSize, String limitPrice, String stopTriggerPrice, String endTime) {}

    /** Market IOC sized in quote ({@code quoteSize}) or base ({@code baseSize}) units; pass null for the other. */
    public static OrderConfiguration marketIoc(String quoteSize, String baseSize) {
        return new OrderConfiguration(
                new MarketIoc(quoteSize, baseSize), null, null, null, null, null, null, null, null);
    }

    /** Smart-order-routed limit IOC ({@code sor_limit_ioc}). */
    public static OrderConfiguration limitIoc(String baseSize, String limitPrice) {
        return new OrderConfiguration(
                null, new LimitIoc(baseSize, limitPrice), null, null, null, null, null, null, null);
    }

    /** @param postOnly null leaves the field out (the venue's default, false) */
    public static OrderConfiguration limitGtc(String baseSize, String limitPrice, Boolean postOnly) {
        return new OrderConfiguration(
                null, null, new LimitGtc(baseSize, limitPrice, postOnly), null, null, null, null, null, null);
    }

    /** GTD always sends {@code post_only}, false unless asked, as the SDK does. */
    public static OrderConfiguration limitGtd(String baseSize, String limitPrice, String endTime, Boolean postOnly) {
        return new OrderConfiguration(
                null,
                null,
                null,
                new LimitGtd(baseSize, limitPrice, endTime, postOnly != null && postOnly),
                null,
                null,
                null,
                null,
                null);
    }

    public static OrderConfiguration limitFok(String baseSize, String limitPrice) {
        return new OrderConfiguration(
                null, null, null, null, new LimitIoc(baseSize, limitPrice), null, null, null, null);
    }

    public static OrderConfiguration stopLimitGtc(
            String baseSize, String limitPrice, String stopPrice, String stopDirection) {
        return new OrderConfiguration(
                null,
                null,
                null,
                null,
                null,
                new StopLimitGtc(baseSize, limitPrice, stopPrice, stopDirection),
                null,
                null,
                null);
    }

    public static OrderConfiguration stopLimitGtd(
            String baseSize, String limitPrice, String stopPrice, String endTime, String stopDirection) {
        return new OrderConfiguration(
                null,
                null,
                null,
                null,
                null,
                null,
                new StopLimitGtd(baseSize, limitPrice, stopPrice, endTime, stopDirection),
                null,
                null);
    }

    public static OrderConfiguration triggerBracketGtc(String baseSize, String limitPrice, String stopTriggerPrice) {
        return new OrderConfiguration(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new TriggerBracketGtc(baseSize, limitPrice, stopTriggerPrice),
                null);
    }

    public static OrderConfiguration triggerBracketGtd(
            String baseSize, String limitPrice, String stopTriggerPrice, String endTime) {
        return new OrderConfiguration(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new TriggerBracketGtd(baseSize, limitPrice, stopTriggerPrice, endTime));
    }

    /** The base size of whichever configuration is set (null for a quote-sized market order). */
    public String baseSize() {
        if (marketMarketIoc != null) return marketMarketIoc.baseSize();
        if (sorLimitIoc != null) return sorLimitIoc.baseSize();
        if (limitLimitGtc != null) return limitLimitGtc.baseSize();
        if (limitLimitGtd != null) return limitLimitGtd.baseSize();
        if (limitLimitFok != null) return limitLimitFok.baseSize();
        if (stopLimitStopLimitGtc != null) return stopLimitStopLimitGtc.baseSize();
        if (stopLimitStopLimitGtd != null) return stopLimitStopLimitGtd.baseSize();
        if (triggerBracketGtc != null) return triggerBracketGtc.baseSize();
        if (triggerBracketGtd != null) return triggerBracketGtd.baseSize();
        return null;
    }

    /** The limit price of whichever configuration is set (null for a market order). */
    public String limitPrice() {
        if (sorLimitIoc != null) return sorLimitIoc.limitPrice();
        if (limitLimitGtc != null) return limitLimitGtc.limitPrice();
        if (limitLimitGtd != null) return limitLimitGtd.limitPrice();
        if (limitLimitFok != null) return limitLimitFok.limitPrice();
        if (stopLimitStopLimitGtc != null) return stopLimitStopLimitGtc.limitPrice();
        if (stopLimitStopLimitGtd != null) return stopLimitStopLimitGtd.limitPrice();
        if (triggerBracketGtc != null) return triggerBracketGtc.limitPrice();
        if (triggerBracketGtd != null) return triggerBracketGtd.limitPrice();
        return null;
    }
}
