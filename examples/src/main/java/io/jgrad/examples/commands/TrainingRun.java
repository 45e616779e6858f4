package io.jgrad.examples.commands;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.jgrad.core.loss.Loss;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Optimizer;
import io.jgrad.core.train.Checkpoint;
import io.jgrad.core.train.Dataset;
import io.jgrad.core.train.EpochRecord;
import io.jgrad.core.train.History;
import io.jgrad.core.train.ProgressBar;
import io.jgrad.core.train.TrainMetrics;
import io.jgrad.core.train.Trainer;
import io.jgrad.examples.Plot;
import io.jgrad.examples.cli.CommandSupport;
import io.jgrad.examples.cli.Options;
import io.jgrad.examples.cli.UsageException;

/** The part of mnist and svhn that is the same: checkpoints, the loop, progress, report, plot. */
final class TrainingRun {
    private TrainingRun() {
    }

    static Options trainingOptions(Options o, String defaultSeed) {
        return o.integer("seed", "N", defaultSeed, "seed for initialization and sampling")
                .value("save", "FILE", null, "save a checkpoint (parameters and optimizer state) after each epoch")
                .value("load", "FILE", null, "resume from a checkpoint written by --save")
                .value("plot", "FILE.png", null, "draw the loss and accuracy curves")
                .value("export-onnx", "FILE", null, "write the trained model as ONNX (opset 17) at the end")
                .flag("quiet", "no progress bar")
                .flag("no-train-eval", "skip each epoch's pass over the whole training set (a third of a"
                        + " CNN epoch's time): only test loss and accuracy are reported (--train-metrics none)")
                .choice("train-metrics", "HOW", null, "each epoch's training loss and accuracy: full (the default: a pass over"
                        + " the training set after the epoch), running (the epoch's own batches as they trained,"
                        + " as Keras prints; free) or none", "full", "running", "none")
                .exclusive("epochs", "iterations")
                .exclusive("no-train-eval", "train-metrics");
    }

    /** Trainer steps from --epochs or --iterations (exactly one given, else the default iterations). */
    static Trainer.Builder schedule(Trainer.Builder b, Options.Parsed args, String defaultIterations,
                                    String defaultEpochs) {
        if (args.has("epochs") && args.has("iterations")) {
            throw new UsageException("give --epochs or --iterations, not both");
        }
        if (args.has("epochs")) {
            return b.epochs(args.positiveInteger("epochs"));
        }
        if (args.has("iterations")) {
            return b.iterations(args.positiveInteger("iterations"));
        }
        return defaultIterations != null ? b.iterations(Long.parseLong(defaultIterations))
                : b.epochs(Integer.parseInt(defaultEpochs));
    }

    static History run(Options.Parsed args, Trainer.Builder builder, Sequential model, Loss loss, Optimizer opt,
                       Dataset train, Dataset test, int batchSize, Map<String, Object> report, String title,
                       PrintStream out) throws Exception {
        long start = 0;
        if (args.has("load")) {
            Path ck = args.path("load");
            if (!Files.isRegularFile(ck)) {
                throw new UsageException("--load: no checkpoint at " + ck);
            }
            start = Checkpoint.load(ck, model, opt);
            out.println("resumed from " + ck + " at step " + start);
            builder.startStep(start);
        }
        TrainMetrics trainMetrics = trainMetrics(args);
        builder.trainMetrics(trainMetrics);
        boolean running = trainMetrics == TrainMetrics.RUNNING;
        String epochLabel = running ? "running train acc %.4f, " : "train acc %.4f, ";
        String finalLabel = running ? ", running train accuracy %.4f" : ", train accuracy %.4f";
        Trainer trainer = builder.build();
        long total = trainer.totalSteps(train.size());
        if (start >= total) {
            throw new UsageException("the checkpoint " + args.path("load") + " is at step " + start + " and this run has "
                    + total + " steps: nothing is left to train (give more --iterations or --epochs to continue)");
        }
        if (!args.has("quiet")) {
            builder.callback(ProgressBar.forConsole(System.err, total, batchSize)); // lines, not \r, into pipes
        }
        if (args.has("save")) {
            Path ck = args.path("save");
            builder.callback(new io.jgrad.core.train.Callback() {
                @Override
                public void onEpoch(EpochRecord r) {
                    try {
                        Checkpoint.save(ck, model, opt);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("could not save checkpoint " + ck, e);
                    }
                }
            });
        }
        builder.callback(new io.jgrad.core.train.Callback() {
            @Override
            public void onEpoch(EpochRecord r) {
                if (args.has("quiet")) {
                    out.printf(java.util.Locale.ROOT, "epoch %d: %stest acc %.4f%n", r.epoch(),
                            trainAccuracy(r.trainAccuracy(), epochLabel), r.testAccuracy());
                }
            }
        });
        History h = builder.build().fit(train, test);
        EpochRecord last = h.lastEpoch();
        double median = h.stepMillisQuantile(0.5);
        out.printf(java.util.Locale.ROOT, "test accuracy %.4f%s; train %.2f s (%d steps%s), eval %.2f s%n",
                last.testAccuracy(), trainAccuracy(last.trainAccuracy(), finalLabel),
                h.trainSeconds(),
                total - start,
                Double.isNaN(median) ? "" : String.format(java.util.Locale.ROOT, ", median %.2f ms", median),
                h.evalSeconds());
        CommandSupport.addHistory(report, h);
        CommandSupport.writeReport(args, report);
        if (args.has("plot")) {
            Plot.write(h, title, args.path("plot"));
        }
        if (args.has("export-onnx")) {
            io.jgrad.onnx.OnnxExporter.export(model, args.path("export-onnx"));
            out.println("exported ONNX model (opset " + io.jgrad.onnx.OnnxExporter.OPSET + ") to "
                    + args.path("export-onnx"));
        }
        return h;
    }

    /** --train-metrics full|running|none, or none for --no-train-eval. */
    static TrainMetrics trainMetrics(Options.Parsed args) {
        if (args.has("no-train-eval")) {
            return TrainMetrics.NONE;
        }
        String how = args.get("train-metrics"); // one of the declared choices, checked when parsed
        return how == null || how.equals("full") ? TrainMetrics.FULL_PASS
                : how.equals("running") ? TrainMetrics.RUNNING : TrainMetrics.NONE;
    }

    /** The training accuracy in {@code format}, or nothing where the run did not evaluate it (--no-train-eval). */
    private static String trainAccuracy(double accuracy, String format) {
        return Double.isNaN(accuracy) ? "" : String.format(java.util.Locale.ROOT, format, accuracy);
    }
}
