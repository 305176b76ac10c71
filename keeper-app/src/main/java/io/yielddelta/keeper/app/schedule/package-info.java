/**
 * Quartz scheduling: one job per vault on a JDBC job store, clustered on PostgreSQL.
 */
package io.yielddelta.keeper.app.schedule;
