/**
 * {@code keeper bench}: measurements of the keeper's hot paths against a local chain.
 */
package io.yielddelta.keeper.app.bench;
