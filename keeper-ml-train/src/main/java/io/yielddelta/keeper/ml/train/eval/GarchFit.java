package io.yielddelta.keeper.ml.train.eval;

import io.yielddelta.keeper.ml.feature.GarchVariance;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits keeper-ml's {@link GarchVariance} to hourly returns by Gaussian maximum likelihood: Nelder–Mead on a
 * parameterisation that keeps ω &gt; 0, α, β ≥ 0 and α + β &lt; 1 (logit of the persistence, logit of α's share of it,
 * log of the long-run variance over the sample's).
 */
public final class GarchFit {
    private GarchFit() {}

    public static GarchVariance fit(double[] returns) {
        double sampleVariance = 0;
        for (double r : returns) {
            sampleVariance += r * r;
        }
        double v = sampleVariance / returns.length;
        MultivariateFunction negLogLikelihood = u -> negLogLikelihood(fromUnconstrained(u, v), returns, v);
        PointValuePair best = new SimplexOptimizer(1e-10, 1e-12)
                .optimize(
                        new MaxEval(20_000),
                        new ObjectiveFunction(negLogLikelihood),
                        GoalType.MINIMIZE,
                        new InitialGuess(new double[] {3.0, -2.0, 0.0}),
                        new NelderMeadSimplex(3));
        return fromUnconstrained(best.getPoint(), v);
    }

    private static GarchVariance fromUnconstrained(double[] u, double sampleVariance) {
        double persistence = 0.9999 / (1 + Math.exp(-u[0]));
        double alpha = persistence / (1 + Math.exp(-u[1]));
        double longRun = sampleVariance * Math.exp(u[2]);
        return new GarchVariance(longRun * (1 - persistence), alpha, persistence - alpha);
    }

    static double negLogLikelihood(GarchVariance g, double[] returns, double start) {
        double variance = start;
        double sum = 0;
        for (double r : returns) {
            sum += Math.log(variance) + r * r / variance;
            variance = g.next(variance, r);
        }
        return sum / 2;
    }
}
