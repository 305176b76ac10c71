/**
 * Deployment and backtest files, read section by section with every problem at its line; secrets that never print.
 */
package io.yielddelta.keeper.app.config;
