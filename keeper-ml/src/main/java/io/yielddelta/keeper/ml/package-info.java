/**
 * The ONNX side of the keeper: model registry, feature extraction and the three scorers (RL policy, LSTM
 * forecaster, impermanent-loss predictor) behind keeper-core's {@code RangeScorer}. Filled in by the models issue.
 */
package io.yielddelta.keeper.ml;
