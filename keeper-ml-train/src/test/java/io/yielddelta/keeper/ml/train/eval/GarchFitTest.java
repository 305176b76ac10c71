package io.yielddelta.keeper.ml.train.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.yielddelta.keeper.ml.feature.GarchVariance;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GarchFitTest {

    /** 30,000 hours drawn from a known GARCH(1,1): the fit finds its persistence and its long-run variance. */
    @Test
    void maximumLikelihoodRecoversTheParametersOfASimulatedSeries() {
        GarchVariance truth = new GarchVariance(2e-6, 0.08, 0.90);
        Random random = new Random(3);
        double[] returns = new double[30_000];
        double variance = truth.longRunVariance();
        for (int t = 0; t < returns.length; t++) {
            returns[t] = Math.sqrt(variance) * random.nextGaussian();
            variance = truth.next(variance, returns[t]);
        }
        GarchVariance fitted = GarchFit.fit(returns);
        assertThat(fitted.alpha()).isCloseTo(0.08, within(0.02));
        assertThat(fitted.alpha() + fitted.beta()).isCloseTo(0.98, within(0.01));
        assertThat(fitted.longRunVariance()).isCloseTo(truth.longRunVariance(), within(0.25 * truth.longRunVariance()));
        assertThat(GarchFit.negLogLikelihood(fitted, returns, truth.longRunVariance()))
                .isLessThanOrEqualTo(GarchFit.negLogLikelihood(truth, returns, truth.longRunVariance()));
    }
}
