package io.yielddelta.keeper.app.cli;

import io.yielddelta.keeper.app.config.BacktestConfig;
import io.yielddelta.keeper.app.config.BacktestConfigLoader;
import io.yielddelta.keeper.app.config.ConfigException;
import io.yielddelta.keeper.app.config.ConfigLoader;
import io.yielddelta.keeper.app.config.ConfigProblem;
import io.yielddelta.keeper.app.config.KeeperConfig;
import io.yielddelta.keeper.app.config.YamlFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keeper validate-config FILE}: a deployment file is read as {@code run} reads it, and more — every keystore is
 * decrypted with its password, every venue client built (PEM keys parsed, dYdX addresses derived from their mnemonics)
 * without connecting — so "valid" means {@code run} can start on it; a backtest file (it names a {@code marketFile}) is
 * read as {@code backtest} reads it. Every problem with file, line and field; exit code 2 if any.
 */
@Command(
        name = "validate-config",
        mixinStandardHelpOptions = true,
        description = "Checks a deployment or backtest file (keys loaded, venue clients built, nothing connected) and "
                + "lists every problem with file, line and field; exit code 2 if any.")
public final class ValidateConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "a deployment or backtest YAML file")
    Path file;

    /** Where {@code ${ENV}} values come from; tests give their own. */
    ConfigLoader loader = ConfigLoader.fromEnvironment();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (YamlFile.topKeys(file).contains("marketFile")) {
                BacktestConfig config = new BacktestConfigLoader().load(file);
                out.println(file + ": a valid backtest file (" + config.vaults().size() + " vault(s) on "
                        + config.marketFile() + ")");
            } else {
                KeeperConfig config = loader.checkingKeys().load(file);
                out.println(file + ": valid (" + config.vaults().size() + " vault(s), "
                        + config.venues().size()
                        + " venue(s), database " + config.database().kind() + "); every keystore decrypts and every"
                        + " venue client builds; KMS keys are checked when the keeper starts");
            }
            out.flush();
            return 0;
        } catch (ConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            e.problems().stream().map(ConfigProblem::toString).forEach(err::println);
            err.println(e.problems().size() + " problem(s) in " + file);
            err.flush();
            return ConfigOption.BAD_CONFIG;
        }
    }
}
