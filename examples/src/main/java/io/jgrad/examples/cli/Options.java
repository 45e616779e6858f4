package io.jgrad.examples.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The options one command accepts, their defaults and help; parses {@code --name value} and {@code --name=value}. */
public final class Options {
    private record Opt(String name, String arg, String defaultValue, String help) {
    }

    private final Map<String, Opt> opts = new LinkedHashMap<>();

    /** An option with a value; {@code defaultValue} may be null (then it is optional and absent). */
    public Options value(String name, String arg, String defaultValue, String help) {
        opts.put(name, new Opt(name, arg, defaultValue, help));
        return this;
    }

    public Options flag(String name, String help) {
        opts.put(name, new Opt(name, null, null, help));
        return this;
    }

    /** The options every command has. */
    public Options common() {
        value("backend", "NAME", null, "cpu, cuda or auto (default: -Djgrad.backend, $JGRAD_BACKEND, else auto)");
        value("report", "FILE", null, "write a JSON report of the run to FILE");
        flag("help", "show this help");
        return this;
    }

    public String help() {
        StringBuilder sb = new StringBuilder();
        for (Opt o : opts.values()) {
            String left = "  --" + o.name + (o.arg == null ? "" : " " + o.arg);
            sb.append(String.format(Locale.ROOT, "%-28s %s%s%n", left, o.help,
                    o.defaultValue == null ? "" : " (default " + o.defaultValue + ")"));
        }
        return sb.toString();
    }

    public Parsed parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-h")) {
                a = "--help";
            } else if (a.startsWith("-D")) {
                throw new UsageException(a + " is a JVM system property: it goes before the command"
                        + " (JGRAD_JAVA_OPTS='" + a + "' ./jgrad ..., or java " + a + " -jar jgrad-examples.jar ...)");
            } else if (a.startsWith("-") && !a.startsWith("--") && a.length() > 1 && !Character.isDigit(a.charAt(1))) {
                throw new UsageException("unknown option " + a + " (options start with two dashes: -" + a + ")");
            }
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Opt o = opts.get(name);
            if (o == null) {
                throw new UsageException("unknown option --" + name);
            }
            if (o.arg == null) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                values.put(name, "true");
            } else {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value (" + o.arg + ")");
                    }
                    value = args.get(++i);
                }
                values.put(name, value);
            }
        }
        for (Opt o : opts.values()) {
            if (o.defaultValue != null) {
                values.putIfAbsent(o.name, o.defaultValue);
            }
        }
        return new Parsed(values, positional);
    }

    /** Parsed values with typed getters that fail as usage errors. */
    public static final class Parsed {
        private final Map<String, String> values;
        private final List<String> positional;

        Parsed(Map<String, String> values, List<String> positional) {
            this.values = values;
            this.positional = positional;
        }

        public List<String> positional() {
            return positional;
        }

        public boolean has(String name) {
            return values.containsKey(name);
        }

        public String get(String name) {
            return values.get(name);
        }

        public Path path(String name) {
            String v = values.get(name);
            return v == null ? null : Path.of(v);
        }

        public int integer(String name) {
            try {
                return Integer.parseInt(values.get(name).trim());
            } catch (NumberFormatException | NullPointerException e) {
                throw new UsageException("--" + name + " must be an integer, got '" + values.get(name) + "'");
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
            try {
                return Double.parseDouble(values.get(name).trim());
            } catch (NumberFormatException | NullPointerException e) {
                throw new UsageException("--" + name + " must be a number, got '" + values.get(name) + "'");
            }
        }

        public long longValue(String name) {
            try {
                return Long.parseLong(values.get(name).trim());
            } catch (NumberFormatException | NullPointerException e) {
                throw new UsageException("--" + name + " must be an integer, got '" + values.get(name) + "'");
            }
        }

        public int[] integers(String name) {
            String v = values.get(name);
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
            } catch (NumberFormatException | NullPointerException e) {
                throw new UsageException("--" + name + " must be a comma-separated list of integers, got '" + v + "'");
            }
        }
    }
}
