/**
 * Replayed time, shared by a replay's keeper and its simulated venue.
 */
package io.yielddelta.keeper.core.time;
