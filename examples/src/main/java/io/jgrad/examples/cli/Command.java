package io.jgrad.examples.cli;

import java.io.PrintStream;

/** One subcommand of the examples jar. */
public interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    Options options();

    /** How many arguments without a dash the command takes (bench: its benchmark's name). */
    default int positionalArguments() {
        return 0;
    }

    /** Runs with parsed options; returns the process exit code. */
    int run(Options.Parsed args, PrintStream out) throws Exception;
}
