package io.jgrad.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.core.train.History;
import io.jgrad.core.util.AtomicFiles;
import io.jgrad.core.util.Json;
import io.jgrad.datasets.DatasetLocator;

/** What several commands share: backend choice, data lookup, reports. */
public final class CommandSupport {
    private CommandSupport() {
    }

    /** The backend named by --backend, else the process default (property, environment, auto). */
    public static Backend backend(Options.Parsed args) {
        String name = args.get("backend");
        if (name == null) {
            return Backends.get();
        }
        Backend b = Backends.create(name);
        Backends.setDefault(b);
        return b;
    }

    public static DatasetLocator locator(Options.Parsed args) {
        return new DatasetLocator(args.path("data-dir"), !args.has("no-download"), System.err);
    }

    /** The data options of training commands. */
    public static Options dataOptions(Options o) {
        return o.value("data-dir", "DIR", null, "folder holding the dataset files (searched first)")
                .flag("no-download", "never download; fail if the files are not found");
    }

    public static Map<String, Object> report(Backend backend, String command) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", command);
        r.put("backend", backend.name());
        r.put("backend_description", backend.description());
        return r;
    }

    /** Adds the run's figures as {@link History#toMap()} names them (the one report writer). */
    public static void addHistory(Map<String, Object> report, History h) {
        report.putAll(h.toMap());
    }

    /** Whether {@code s} names a URI with a scheme (hdfs://..., file://...) rather than a local path. */
    public static boolean isUri(String s) {
        return s.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    /**
     * Fails before any work when an output path given to --report, --plot or --save cannot be
     * written: a training run must not end in an error about its output file.
     */
    public static void checkOutputPaths(Options.Parsed args) {
        for (String option : new String[] {"report", "plot", "save", "export-onnx", "onnx-out"}) {
            if (!args.declares(option) || !args.has(option) || isUri(args.get(option))) {
                continue; // not this command's, not given, or a URI (--spark --save hdfs://...) that Hadoop checks
            }
            Path file = args.path(option);
            if (option.equals("plot")) {
                try {
                    io.jgrad.examples.Plot.formatFor(file);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage()); // before training, not after it
                }
            }
            Path dir = file.toAbsolutePath().getParent();
            if (java.nio.file.Files.isDirectory(file)) {
                throw new UsageException("--" + option + " " + file + " is a folder, not a file");
            }
            if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
                throw new UsageException("--" + option + " " + file + ": the folder " + dir + " does not exist");
            }
            if (!java.nio.file.Files.isWritable(dir)) {
                throw new UsageException("--" + option + " " + file + ": the folder " + dir + " is not writable");
            }
        }
    }

    public static void writeReport(Options.Parsed args, Map<String, Object> report) throws IOException {
        Path file = args.path("report");
        if (file != null) {
            AtomicFiles.writeString(file, Json.write(report));
        }
    }
}
