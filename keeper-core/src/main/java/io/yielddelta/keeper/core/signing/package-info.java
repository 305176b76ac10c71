/**
 * The signer contract: keys the keeper never holds in plain text (KMS in production).
 */
package io.yielddelta.keeper.core.signing;
