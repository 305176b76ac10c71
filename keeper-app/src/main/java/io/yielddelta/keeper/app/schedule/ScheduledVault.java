package io.yielddelta.keeper.app.schedule;

/** @param cron a Quartz cron expression, evaluated in UTC */
public record ScheduledVault(String name, String cron) {}
