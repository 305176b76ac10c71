/**
 * What the daemon tells its operators: {@link io.yielddelta.keeper.app.observability.Telemetry} (the one metrics sink,
 * Micrometer registries for Prometheus and Datadog), Sentry with secrets scrubbed, JSON log lines, metered venues and
 * the systemd notifier. See {@code docs/metrics.md}.
 */
package io.yielddelta.keeper.app.observability;
