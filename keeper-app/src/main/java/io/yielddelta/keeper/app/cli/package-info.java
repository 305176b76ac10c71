/**
 * The command-line interface's commands besides the daemon's own: once, status, validate-config, halt / resume / exit.
 */
package io.yielddelta.keeper.app.cli;
