/**
 * Venues from the deployment file: one plugin per venue type (reader, typed spec, client), the production
 * {@link io.yielddelta.keeper.app.venue.VenueSource}, and the order preview command.
 */
package io.yielddelta.keeper.app.venue;
