package io.jgrad.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The options one command accepts, declared in a few lines per command and parsed by picocli
 * (its programmatic model: typed values, mutually exclusive groups, generated help and shell
 * completion). Values are read back through {@link Parsed}, whose getters name the option in
 * every error.
 */
public final class Options {
    private record Opt(String name, String arg, String defaultValue, String help, Class<?> type, List<String> choices) {
        Opt(String name, String arg, String defaultValue, String help, Class<?> type) {
            this(name, arg, defaultValue, help, type, List.of());
        }

        boolean isFlag() {
            return arg == null;
        }
    }

    private final Map<String, Opt> opts = new LinkedHashMap<>();
    private final List<String[]> exclusive = new ArrayList<>();

    /** An option with a value; {@code defaultValue} may be null (then it is optional and absent). */
    public Options value(String name, String arg, String defaultValue, String help) {
        return add(new Opt(name, arg, defaultValue, help, String.class));
    }

    /** An option whose value must be an integer (picocli refuses anything else, naming the option). */
    public Options integer(String name, String arg, String defaultValue, String help) {
        return add(new Opt(name, arg, defaultValue, help, Long.class));
    }

    /** An option whose value must be a number. */
    public Options number(String name, String arg, String defaultValue, String help) {
        return add(new Opt(name, arg, defaultValue, help, Double.class));
    }

    /**
     * An option whose value must be one of {@code allowed} (surrounding blanks ignored): any other is
     * refused when the command line is parsed, before the command reads any data, with a message
     * that lists the choices.
     */
    public Options choice(String name, String arg, String defaultValue, String help, String... allowed) {
        return add(new Opt(name, arg, defaultValue, help, String.class, List.of(allowed)));
    }

    public Options flag(String name, String help) {
        return add(new Opt(name, null, null, help, boolean.class));
    }

    /** At most one of these options may be given (picocli's exclusive argument group). */
    public Options exclusive(String... names) {
        exclusive.add(names);
        return this;
    }

    private Options add(Opt o) {
        opts.put(o.name, o);
        return this;
    }

    /** The options every command has. */
    public Options common() {
        value("backend", "NAME", null, "cpu, cuda or auto (default: -Djgrad.backend, $JGRAD_BACKEND, else auto)");
        value("report", "FILE", null, "write a JSON report of the run to FILE");
        return this;
    }

    /** Help text as picocli shows it: it formats descriptions, so a literal '%' is doubled. */
    private static String literal(String text) {
        return text.replace("%", "%%");
    }

    /** The picocli model of a command with these options. */
    public CommandSpec spec(String command, String summary, int positionalArguments) {
        CommandSpec spec = CommandSpec.create().name(command).mixinStandardHelpOptions(true).version(Version.line());
        spec.usageMessage().description(literal(summary)).sortOptions(false);
        Map<String, OptionSpec> built = new LinkedHashMap<>();
        for (Opt o : opts.values()) {
            OptionSpec.Builder b = OptionSpec.builder("--" + o.name)
                    .description(literal(o.help + (o.defaultValue == null ? "" : " (default " + o.defaultValue + ")")))
                    .type(o.type);
            if (!o.choices.isEmpty()) {
                b.completionCandidates(o.choices);
            }
            if (o.isFlag()) {
                b.arity("0");
            } else {
                b.arity("1").paramLabel(o.arg);
            }
            built.put(o.name, b.build());
        }
        for (String[] names : exclusive) {
            ArgGroupSpec.Builder g = ArgGroupSpec.builder().exclusive(true).multiplicity("0..1");
            for (String n : names) {
                g.addArg(built.remove(n));
            }
            spec.addArgGroup(g.build());
        }
        built.values().forEach(spec::addOption);
        if (positionalArguments > 0) {
            spec.addPositional(PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("NAME")
                    .description("what to run").type(String.class).build());
        }
        return spec;
    }

    /**
     * Parses {@code args}; a JVM property or a one-dash option is refused with what to type instead,
     * anything picocli refuses becomes a {@link UsageException} with picocli's message.
     */
    public Parsed parse(String command, String summary, int positionalArguments, List<String> args) {
        for (String a : args) {
            if (a.startsWith("-D")) {
                throw new UsageException(a + " is a JVM system property: it goes before the command"
                        + " (JGRAD_JAVA_OPTS='" + a + "' ./jgrad ..., or java " + a + " -jar jgrad-examples.jar ...)");
            }
            if (a.startsWith("-") && !a.startsWith("--") && a.length() > 2 && !Character.isDigit(a.charAt(1))) {
                throw new UsageException("unknown option " + a + " (options start with two dashes: -" + a + ")");
            }
        }
        CommandLine cl = new CommandLine(spec("jgrad " + command, summary, positionalArguments));
        ParseResult result;
        try {
            result = cl.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec o : result.matchedOptions()) {
            String name = o.longestName().substring(2);
            if (opts.containsKey(name)) {
                Object v = o.getValue();
                values.put(name, v instanceof Boolean ? "true" : String.valueOf(o.originalStringValues().get(0)));
            }
        }
        for (Opt o : opts.values()) {
            if (o.defaultValue != null) {
                values.putIfAbsent(o.name, o.defaultValue);
            }
            if (!o.choices.isEmpty() && values.containsKey(o.name)) {
                values.put(o.name, checkChoice(o, values.get(o.name)));
            }
        }
        List<String> positional = new ArrayList<>();
        result.matchedPositionals().forEach(p -> p.originalStringValues().forEach(positional::add));
        String help = result.isUsageHelpRequested() ? cl.getUsageMessage()
                : result.isVersionHelpRequested() ? Version.line() + System.lineSeparator() : null;
        return new Parsed(values, positional, help, opts.keySet());
    }

    /** The value, trimmed, if it is one of the option's choices. */
    private static String checkChoice(Opt o, String value) {
        String v = value.trim();
        if (o.choices.contains(v)) {
            return v;
        }
        int last = o.choices.size() - 1;
        String list = last == 0 ? o.choices.get(0)
                : String.join(", ", o.choices.subList(0, last)) + " or " + o.choices.get(last);
        throw new UsageException("--" + o.name + " must be " + list + ", got '" + value + "'");
    }

    /** Parsed values with typed getters that fail as usage errors naming the option. */
    public static final class Parsed {
        private final Map<String, String> values;
        private final List<String> positional;
        private final String helpText;
        private final java.util.Set<String> known;

        Parsed(Map<String, String> values, List<String> positional, String helpText, java.util.Set<String> known) {
            this.values = values;
            this.positional = positional;
            this.helpText = helpText;
            this.known = known;
        }

        /** The help or version text asked for with --help or --version, else null. */
        public String helpText() {
            return helpText;
        }

        /** Whether the command has this option at all. */
        public boolean declares(String name) {
            return known.contains(name);
        }

        public List<String> positional() {
            return positional;
        }

        public boolean has(String name) {
            return raw(name) != null;
        }

        public String get(String name) {
            return raw(name);
        }

        /** A name the command never declared is a bug in the command, not the user's mistake. */
        private String raw(String name) {
            if (!known.contains(name)) {
                throw new IllegalStateException("option --" + name + " is not declared by this command");
            }
            return values.get(name);
        }

        public Path path(String name) {
            String v = raw(name);
            return v == null ? null : Path.of(v);
        }

        public int integer(String name) {
            String v = required(name);
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                if (v.trim().matches("[+-]?\\d+")) { // an integer, only too large for one
                    throw new UsageException("--" + name + " must be between " + Integer.MIN_VALUE + " and "
                            + Integer.MAX_VALUE + ", got " + v.trim());
                }
                throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
            }
        }

        public int positiveInteger(String name) {
            int v = integer(name);
            if (v <= 0) {
                throw new UsageException("--" + name + " must be > 0, got " + v);
            }
            return v;
        }

        public double number(String name) {
            String v = required(name);
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a number, got '" + v + "'");
            }
        }

        public long longValue(String name) {
            String v = required(name);
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
            }
        }

        public int[] integers(String name) {
            String v = required(name);
            try {
                // split(",", -1) keeps empty items, so "," and "32,,64" are refused, not read as fewer sizes
                int[] out = java.util.Arrays.stream(v.split(",", -1)).map(String::trim).mapToInt(Integer::parseInt)
                        .toArray();
                for (int x : out) {
                    if (x <= 0) {
                        throw new UsageException("--" + name + " needs positive integers, got '" + v + "'");
                    }
                }
                return out;
            } catch (NumberFormatException e) {
                throw new UsageException("--" + name + " must be a comma-separated list of integers, got '" + v + "'");
            }
        }

        private String required(String name) {
            String v = raw(name);
            if (v == null) {
                throw new UsageException("--" + name + " is required here");
            }
            return v;
        }
    }
}
