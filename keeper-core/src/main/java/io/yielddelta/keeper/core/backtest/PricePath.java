package io.yielddelta.keeper.core.backtest;

/** One hour's path: its prices, their square roots and the roots' inverses, computed once for every run. */
record PricePath(double[] prices, double[] roots, double[] inverseRoots) {

    static PricePath of(double[] prices) {
        double[] roots = new double[prices.length];
        double[] inverseRoots = new double[prices.length];
        for (int i = 0; i < prices.length; i++) {
            roots[i] = Math.sqrt(prices[i]);
            inverseRoots[i] = 1 / roots[i];
        }
        return new PricePath(prices, roots, inverseRoots);
    }

    int size() {
        return prices.length;
    }
}
