package io.jgrad.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.core.train.EpochRecord;
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

    /** Adds per-epoch figures, the final test accuracy and the timings of a training run. */
    public static void addHistory(Map<String, Object> report, History h) {
        List<Object> epochs = new ArrayList<>();
        for (EpochRecord e : h.epochs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", e.epoch());
            m.put("step", e.step());
            m.put("train_loss", e.trainLoss());
            m.put("train_accuracy", e.trainAccuracy());
            m.put("test_loss", e.testLoss());
            m.put("test_accuracy", e.testAccuracy());
            m.put("elapsed_train_seconds", e.trainSeconds()); // cumulative: shows the JIT warm-up in epoch 1
            epochs.add(m);
        }
        report.put("epochs", epochs);
        EpochRecord last = h.lastEpoch();
        report.put("train_accuracy", last == null ? null : last.trainAccuracy());
        report.put("test_accuracy", last == null ? null : last.testAccuracy());
        report.put("test_loss", last == null ? null : last.testLoss());
        report.put("train_seconds", h.trainSeconds());
        report.put("eval_seconds", h.evalSeconds());
    }

    /**
     * Fails before any work when an output path given to --report, --plot or --save cannot be
     * written: a training run must not end in an error about its output file.
     */
    public static void checkOutputPaths(Options.Parsed args) {
        for (String option : new String[] {"report", "plot", "save", "export-onnx", "onnx-out"}) {
            if (!args.declares(option) || !args.has(option) || args.get(option).matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
                continue; // not this command's, not given, or a URI (--spark --save hdfs://...) that Hadoop checks
            }
            Path file = args.path(option);
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
