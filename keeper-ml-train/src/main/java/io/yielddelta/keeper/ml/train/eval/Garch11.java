package io.yielddelta.keeper.ml.train.eval;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * GARCH(1,1) of hourly log returns with zero mean: σ²ₜ₊₁ = ω + α·rₜ² + β·σ²ₜ, fitted by Gaussian maximum likelihood
 * (Nelder–Mead on a parameterisation that keeps ω &gt; 0, α, β ≥ 0 and α + β &lt; 1). The forecast of the mean variance
 * per hour over the next H hours is V + (σ²ₜ₊₁ − V)·(1 − pᴴ)/((1 − p)·H), with p = α + β and V = ω / (1 − p).
 */
public record Garch11(double omega, double alpha, double beta) {

    public Garch11 {
        if (!(omega > 0) || !(alpha >= 0) || !(beta >= 0) || !(alpha + beta < 1)) {
            throw new IllegalArgumentException("not a stationary GARCH(1,1): " + omega + ", " + alpha + ", " + beta);
        }
    }

    public static Garch11 fit(double[] returns) {
        double sampleVariance = 0;
        for (double r : returns) {
            sampleVariance += r * r;
        }
        sampleVariance /= returns.length;
        double v = sampleVariance;
        MultivariateFunction negLogLikelihood = u -> {
            Garch11 g = fromUnconstrained(u, v);
            return g.negLogLikelihood(returns, v);
        };
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-10, 1e-12);
        PointValuePair best = optimizer.optimize(new MaxEval(20_000), new ObjectiveFunction(negLogLikelihood),
                GoalType.MINIMIZE, new InitialGuess(new double[] {3.0, -2.0, 0.0}), new NelderMeadSimplex(3));
        return fromUnconstrained(best.getPoint(), v);
    }

    /** u = (logit persistence, logit α share of it, log of V over the sample variance). */
    private static Garch11 fromUnconstrained(double[] u, double sampleVariance) {
        double persistence = 0.9999 / (1 + Math.exp(-u[0]));
        double alpha = persistence / (1 + Math.exp(-u[1]));
        double longRun = sampleVariance * Math.exp(u[2]);
        return new Garch11(longRun * (1 - persistence), alpha, persistence - alpha);
    }

    double negLogLikelihood(double[] returns, double start) {
        double variance = start;
        double sum = 0;
        for (double r : returns) {
            sum += Math.log(variance) + r * r / variance;
            variance = next(variance, r);
        }
        return sum / 2;
    }

    /** σ² of the next hour after one whose variance was {@code variance} and whose return was {@code r}. */
    public double next(double variance, double r) {
        return omega + alpha * r * r + beta * variance;
    }

    public double longRunVariance() {
        return omega / (1 - alpha - beta);
    }

    /** The mean variance per hour over the next {@code horizon} hours, given the next hour's {@code nextVariance}. */
    public double meanVariance(double nextVariance, int horizon) {
        double p = alpha + beta;
        double v = longRunVariance();
        return v + (nextVariance - v) * (1 - Math.pow(p, horizon)) / ((1 - p) * horizon);
    }
}
