/**
 * The admin endpoint on the admin port: health and readiness without a token, halt / resume / exit / state with it.
 */
package io.yielddelta.keeper.app.admin;
