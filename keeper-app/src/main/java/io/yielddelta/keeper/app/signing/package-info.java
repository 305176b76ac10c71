/**
 * Transaction signers: AWS KMS and encrypted keystores, behind a signing policy (allowed contracts, methods, gas).
 */
package io.yielddelta.keeper.app.signing;
