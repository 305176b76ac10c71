package io.yielddelta.keeper.core.backtest;

/**
 * One run's P&amp;L by source, cumulative, in quote units (USD): what the lines of the report are made of. Costs are
 * kept positive here and subtracted in {@link #net}.
 */
final class Ledger {
    /** What the starting tokens, held, made from the price. */
    double hodl;
    /** Price P&amp;L of holding a different delta than HODL (the pool side: position, idle tokens, fees held). */
    double direction;
    /** Pool fees, valued in quote units when they accrue. */
    double fees;
    /** Loss-versus-rebalancing of the liquidity position along the price path (positive: a loss). */
    double lvr;
    /** What rebalances lost at the market price: the swap's fee and price impact, and the arbitrage back. */
    double swapCost;

    double gas;
    /** The hedge's price P&amp;L at the marks. */
    double hedgePnl;

    double hedgeSlippage;
    double hedgeFees;
    /** Funding received (negative: paid). */
    double funding;

    double net() {
        return hodl + direction + fees - lvr - swapCost - gas + hedgePnl - hedgeSlippage - hedgeFees + funding;
    }

    /** Fees less LVR and rebalance costs: what providing liquidity earned, whatever the price did. */
    double edge() {
        return fees - lvr - swapCost - gas;
    }

    Ledger copy() {
        Ledger c = new Ledger();
        c.hodl = hodl;
        c.direction = direction;
        c.fees = fees;
        c.lvr = lvr;
        c.swapCost = swapCost;
        c.gas = gas;
        c.hedgePnl = hedgePnl;
        c.hedgeSlippage = hedgeSlippage;
        c.hedgeFees = hedgeFees;
        c.funding = funding;
        return c;
    }

    /** This ledger less an earlier one of the same run: the lines of the period between them. */
    Ledger since(Ledger start) {
        Ledger d = new Ledger();
        d.hodl = hodl - start.hodl;
        d.direction = direction - start.direction;
        d.fees = fees - start.fees;
        d.lvr = lvr - start.lvr;
        d.swapCost = swapCost - start.swapCost;
        d.gas = gas - start.gas;
        d.hedgePnl = hedgePnl - start.hedgePnl;
        d.hedgeSlippage = hedgeSlippage - start.hedgeSlippage;
        d.hedgeFees = hedgeFees - start.hedgeFees;
        d.funding = funding - start.funding;
        return d;
    }

    BacktestResult.Attribution attribution() {
        return new BacktestResult.Attribution(
                hodl, direction, fees, -lvr, -swapCost, -gas, hedgePnl, -hedgeSlippage, -hedgeFees, funding);
    }
}
