package io.yielddelta.keeper.app.venue;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keeper venue}: the configured hedge venues. */
@Command(
        name = "venue",
        mixinStandardHelpOptions = true,
        description = "The configured hedge venues.",
        subcommands = PreviewCommand.class)
public final class VenueCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
