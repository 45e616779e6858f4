package io.jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.jgrad.core.backend.BackendUnavailableException;
import io.jgrad.core.train.TrainingDivergedException;
import io.jgrad.examples.cli.Command;
import io.jgrad.examples.cli.CommandSupport;
import io.jgrad.examples.cli.Options;
import io.jgrad.examples.cli.UsageException;
import io.jgrad.examples.commands.BackendsCommand;
import io.jgrad.examples.commands.BenchCommand;
import io.jgrad.examples.commands.ExportCommand;
import io.jgrad.examples.commands.PredictCommand;
import io.jgrad.examples.commands.GradcheckCommand;
import io.jgrad.examples.commands.MnistCommand;
import io.jgrad.examples.commands.NumericalVsBackpropCommand;
import io.jgrad.examples.commands.SvhnCommand;
import io.jgrad.datasets.DataNotFoundException;

/**
 * {@code java -jar jgrad-examples.jar COMMAND [options]}. Exit codes: 0 success, 1 failure (a
 * failed gradient check, a diverged run, an I/O error), 2 bad usage, missing data or a backend
 * that cannot run. Errors are one short message; {@code -Djgrad.debug=true} adds the stack trace.
 */
public final class Main {
    private static final List<Command> COMMANDS = List.of(new MnistCommand(), new SvhnCommand(),
            new GradcheckCommand(), new NumericalVsBackpropCommand(), new BenchCommand(), new BackendsCommand(),
            new ExportCommand(), new PredictCommand());

    private Main() {
    }

    /** Every command, in the order of the usage text. */
    static List<Command> commands() {
        return COMMANDS;
    }

    public static void main(String[] args) {
        int relaunched = VectorRelaunch.relaunchIfUseful(args);
        System.exit(relaunched >= 0 ? relaunched : run(args, System.out, System.err));
    }

    /** Runs a command line; returns the exit code (tests call this directly). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> byName = new TreeMap<>();
        COMMANDS.forEach(c -> byName.put(c.name(), c));
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("--version") || args[0].equals("-V")) {
            out.println(io.jgrad.examples.cli.Version.line());
            return 0;
        }
        if (args[0].equals("completion")) {
            out.print(completionScript());
            return 0;
        }
        Command cmd = byName.get(args[0]);
        if (cmd == null) {
            err.println("jgrad: unknown command '" + args[0] + "'");
            err.print(usage());
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            Options options = cmd.options();
            Options.Parsed parsed = options.parse(cmd.name(), cmd.summary(), cmd.positionalArguments(), rest);
            if (parsed.helpText() != null) {
                out.print(parsed.helpText());
                return 0;
            }
            CommandSupport.checkOutputPaths(parsed);
            return cmd.run(parsed, out);
        } catch (UsageException e) {
            err.println("jgrad " + cmd.name() + ": " + e.getMessage());
            err.println("run 'jgrad " + cmd.name() + " --help' for the options");
            return 2;
        } catch (DataNotFoundException | BackendUnavailableException e) {
            err.println("jgrad " + cmd.name() + ": " + e.getMessage());
            debug(e, err);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("jgrad " + cmd.name() + ": " + e.getMessage());
            debug(e, err);
            return 2;
        } catch (TrainingDivergedException | IOException | java.io.UncheckedIOException e) {
            err.println("jgrad " + cmd.name() + ": " + e.getMessage());
            debug(e, err);
            return 1;
        } catch (Exception e) {
            err.println("jgrad " + cmd.name() + ": failed: " + e);
            debug(e, err);
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("jgrad " + cmd.name() + ": out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB heap): the data or the model is too large for it; give the JVM more with"
                    + " JGRAD_JAVA_OPTS=-Xmx8g, or use a smaller --hidden or --batch-size");
            return 1;
        }
    }

    private static void debug(Exception e, PrintStream err) {
        if (Boolean.getBoolean("jgrad.debug")) {
            e.printStackTrace(err);
        }
    }

    /** A bash completion script for every command and option (picocli's AutoComplete). */
    static String completionScript() {
        picocli.CommandLine.Model.CommandSpec root = picocli.CommandLine.Model.CommandSpec.create().name("jgrad")
                .mixinStandardHelpOptions(true);
        picocli.CommandLine top = new picocli.CommandLine(root);
        for (Command c : COMMANDS) {
            top.addSubcommand(c.name(), new picocli.CommandLine(c.options().spec(c.name(), c.summary(),
                    c.positionalArguments())));
        }
        return picocli.AutoComplete.bash("jgrad", top);
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("usage: jgrad COMMAND [options]   (java -jar jgrad-examples.jar ...)\n\n");
        for (Command c : COMMANDS) {
            sb.append(String.format("  %-24s %s%n", c.name(), c.summary()));
        }
        sb.append(String.format("  %-24s %s%n", "completion", "print a bash completion script (source <(./jgrad completion))"));
        sb.append("\n'jgrad COMMAND --help' lists a command's options; 'jgrad --version' says which build this is. The backend: --backend cpu|cuda|auto,"
                + " or -Djgrad.backend, or $JGRAD_BACKEND.\n");
        return sb.toString();
    }
}
