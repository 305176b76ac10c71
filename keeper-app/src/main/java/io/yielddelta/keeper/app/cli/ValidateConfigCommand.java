package io.yielddelta.keeper.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate-config", mixinStandardHelpOptions = true,
        description = "Checks a configuration file and lists every problem with file, line and field; exit code 2 if any.")
public final class ValidateConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the deployment's YAML file")
    Path file;

    @Override
    public Integer call() {
        return ConfigOption.load(file, spec.commandLine().getErr()).map(config -> {
            spec.commandLine().getOut().println(file + ": valid (" + config.vaults().size() + " vault(s), "
                    + config.venues().size() + " venue(s), database " + config.database().kind() + ")");
            return 0;
        }).orElse(ConfigOption.BAD_CONFIG);
    }
}
