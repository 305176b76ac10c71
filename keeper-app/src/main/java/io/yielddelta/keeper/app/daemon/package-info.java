/**
 * {@code keeper run}: the kernel over the deployment's adapters, run as ordered services (admin, trading state,
 * journal reconciliation, hedging, schedule).
 */
package io.yielddelta.keeper.app.daemon;
