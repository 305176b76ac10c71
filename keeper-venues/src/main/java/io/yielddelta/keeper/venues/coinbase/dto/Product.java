package io.yielddelta.keeper.venues.coinbase.dto;

/** A tradable product from {@code GET /products/{product_id}} or the product list. */
public record Product(
        String productId,
        String price,
        String baseIncrement,
        String quoteIncrement,
        String baseMinSize,
        String baseMaxSize,
        String quoteMinSize,
        String priceIncrement,
        String midMarketPrice,
        String productType,
        Boolean tradingDisabled,
        FutureProductDetails futureProductDetails) {

    public record FutureProductDetails(
            String venue,
            String contractCode,
            String contractSize,
            String contractRootUnit,
            String contractExpiryType,
            String riskManagedBy,
            PerpetualDetails perpetualDetails) {}

    public record PerpetualDetails(
            String openInterest, String fundingRate, String fundingTime, String maxLeverage, String underlyingType) {}
}
