/**
 * The hedge venue contract ({@link io.yielddelta.keeper.core.venue.HedgeVenue}) and its types: orders, fills, positions,
 * margin, marks, funding, and the three kinds of venue error (unavailable, rejected, unknown outcome).
 */
package io.yielddelta.keeper.core.venue;
