/**
 * The read-only dashboard on the admin port ({@code /}) and its JSON twin ({@code /api/status}), fed by the status
 * board the telemetry keeps.
 */
package io.yielddelta.keeper.app.dashboard;
