package io.yielddelta.keeper.app.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts services in order and stops them in reverse, once: a service that fails to start stops those already
 * started. The daemon is ready when every service runs.
 */
public final class ServiceController implements HealthCheck {

    private static final Logger log = LoggerFactory.getLogger(ServiceController.class);

    private final List<Service> services;
    private final List<Service> started = new ArrayList<>();
    private boolean stopped;

    public ServiceController(List<Service> services) {
        this.services = List.copyOf(services);
    }

    /** @throws Exception the first service's failure to start, after the ones started before it were stopped */
    public void start() throws Exception {
        for (Service service : services) {
            synchronized (this) {
                if (stopped) {
                    throw new IllegalStateException("stopped while starting");
                }
                started.add(service);
            }
            try {
                service.start();
                log.info(
                        "service {} started: {}",
                        service.name(),
                        service.health().detail());
            } catch (Exception e) {
                log.error("service {} failed to start: {}", service.name(), e.toString());
                stop();
                throw e;
            }
        }
    }

    /** Stops every started service in reverse order; later calls do nothing. */
    public void stop() {
        List<Service> toStop;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            toStop = new ArrayList<>(started);
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            Service service = toStop.get(i);
            try {
                service.stop();
            } catch (RuntimeException e) {
                log.warn("stopping service {} failed: {}", service.name(), e.toString());
            }
        }
    }

    @Override
    public Map<String, Service.Health> health() {
        Map<String, Service.Health> health = new LinkedHashMap<>();
        services.forEach(s -> health.put(s.name(), s.health()));
        return health;
    }

    /** Every service runs (degraded counts: it serves, and says what needs attention). */
    @Override
    public boolean ready() {
        return services.stream()
                .map(s -> s.health().state())
                .allMatch(s -> s == Service.State.RUNNING || s == Service.State.DEGRADED);
    }

    @Override
    public boolean alive() {
        return services.stream()
                .map(s -> s.health().state())
                .noneMatch(s -> s == Service.State.FAILED || s == Service.State.STOPPED);
    }
}
