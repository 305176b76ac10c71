/**
 * The JDBC stores: the decision journal, the hedge journal, the shared trading state and hedge reports, and their
 * schema migrations (H2 embedded or PostgreSQL).
 */
package io.yielddelta.keeper.app.store;
