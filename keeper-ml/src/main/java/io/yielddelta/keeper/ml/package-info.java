/**
 * The models at run time: {@code feature} (what the models see, computed from keeper-core's {@code HourObservation}
 * rows by one code in training, backtest and live), {@code model} (the model folder, manifests checked at load,
 * guarded batch inference and fallback counts), {@code forecast} (the LSTM forecaster of variance and fee yield),
 * {@code range} (the LVR / IL predictor and its closed form) and {@code scorer} (the forecaster behind keeper-core's
 * {@code RangeScorer}). Training lives in keeper-ml-train, which nothing depends on: DJL and PyTorch never reach the
 * daemon's classpath.
 */
package io.yielddelta.keeper.ml;
