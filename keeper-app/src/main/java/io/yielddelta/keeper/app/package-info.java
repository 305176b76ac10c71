/** The {@code keeper} command line: {@link io.yielddelta.keeper.app.KeeperCli} dispatches to the commands. */
package io.yielddelta.keeper.app;
