/**
 * The app's side of hedging: which keeper of a cluster hedges, and risk events in the log.
 */
package io.yielddelta.keeper.app.hedge;
