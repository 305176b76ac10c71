package io.yielddelta.keeper.app.service;

import java.util.Map;

/** What {@code /health} and {@code /ready} report. */
public interface HealthCheck {

    /** Every service's health, in start order. */
    Map<String, Service.Health> health();

    /** Ready to act: reconciled and scheduled. */
    boolean ready();

    /** Nothing has failed or stopped. */
    boolean alive();
}
