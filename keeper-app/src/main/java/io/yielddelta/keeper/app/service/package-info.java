/**
 * The daemon's services: ordered start, idempotent stop, a health state each.
 */
package io.yielddelta.keeper.app.service;
