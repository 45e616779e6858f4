package io.jgrad.examples.cli;

import java.io.PrintStream;

/** One subcommand of the examples jar. */
public interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    /** Usage line after the command name, e.g. "[options]". */
    default String synopsis() {
        return "[options]";
    }

    Options options();

    /** Runs with parsed options; returns the process exit code. */
    int run(Options.Parsed args, PrintStream out) throws Exception;
}
