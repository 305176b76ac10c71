/**
 * What the keeper observes of a pool and its hedge venue hour by hour ({@link
 * io.yielddelta.keeper.core.observation.HourObservation}): the one input of the models' feature code in training, the
 * backtest and the daemon alike.
 */
package io.yielddelta.keeper.core.observation;
