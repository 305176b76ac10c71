package io.yielddelta.keeper.app;

import io.yielddelta.keeper.app.backtest.BacktestCommand;
import io.yielddelta.keeper.app.bench.BenchCommand;
import io.yielddelta.keeper.app.cli.OnceCommand;
import io.yielddelta.keeper.app.cli.RunCommand;
import io.yielddelta.keeper.app.cli.StatusCommand;
import io.yielddelta.keeper.app.cli.TradingStateCommands;
import io.yielddelta.keeper.app.cli.ValidateConfigCommand;
import io.yielddelta.keeper.app.oracle.OracleCommand;
import io.yielddelta.keeper.app.sandbox.SandboxCommand;
import io.yielddelta.keeper.app.venue.VenueCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code keeper} command: every subcommand is registered here. */
@Command(
        name = "keeper",
        mixinStandardHelpOptions = true,
        description = "Keeper for concentrated-liquidity vaults with perpetual-futures hedging.",
        subcommands = {
            RunCommand.class,
            OnceCommand.class,
            ValidateConfigCommand.class,
            StatusCommand.class,
            TradingStateCommands.Halt.class,
            TradingStateCommands.Resume.class,
            TradingStateCommands.Exit.class,
            SandboxCommand.class,
            BenchCommand.class,
            VenueCommand.class,
            BacktestCommand.class,
            OracleCommand.class
        })
public final class KeeperCli implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new KeeperCli()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
