package io.jgrad.examples.commands;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.train.Dataset;
import io.jgrad.core.train.Evaluator;
import io.jgrad.core.train.Metrics;
import io.jgrad.datasets.LabeledImages;
import io.jgrad.datasets.Mnist;
import io.jgrad.datasets.Svhn;
import io.jgrad.examples.cli.Command;
import io.jgrad.examples.cli.CommandSupport;
import io.jgrad.examples.cli.Options;
import io.jgrad.examples.cli.UsageException;
import io.jgrad.onnx.OnnxImporter;

/** Loads an ONNX model (jgrad's or another framework's) and reports its accuracy on a test split. */
public final class PredictCommand implements Command {
    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "evaluate an ONNX model on the test split of mnist, fashion-mnist or svhn";
    }

    @Override
    public Options options() {
        Options o = new Options()
                .value("onnx", "FILE", null, "the ONNX model (required)")
                .value("dataset", "NAME", "mnist", "mnist, fashion-mnist or svhn");
        CommandSupport.dataOptions(o);
        return o.common();
    }

    @Override
    public int run(Options.Parsed args, PrintStream out) throws Exception {
        if (!args.has("onnx")) {
            throw new UsageException("--onnx FILE is required");
        }
        Path file = args.path("onnx");
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--onnx: no file at " + file);
        }
        String dataset = args.get("dataset");
        if (!dataset.equals("svhn")) {
            Mnist.spec(dataset);
        }
        Backend backend = CommandSupport.backend(args);
        try (Sequential model = OnnxImporter.load(file, backend, DType.FLOAT32)) {
            LabeledImages test = dataset.equals("svhn") ? Svhn.load(CommandSupport.locator(args), true).test()
                    : Mnist.load(dataset, CommandSupport.locator(args)).test();
            test = fit(test, model.inputShape(), file);
            try (Dataset data = test.toDataset(backend, DType.FLOAT32);
                 SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse()) {
                Metrics m = Evaluator.evaluate(model, loss, data, 256);
                out.printf(java.util.Locale.ROOT, "%s on %s (%d test examples): test accuracy %.4f%n",
                        file.getFileName(), dataset, data.size(), m.accuracy());
                Map<String, Object> report = CommandSupport.report(backend, name());
                report.put("onnx", file.toString());
                report.put("dataset", dataset);
                report.put("test_examples", data.size());
                report.put("test_accuracy", m.accuracy());
                CommandSupport.writeReport(args, report);
            }
        }
        return 0;
    }

    /** The test images in the layout the model's input wants: flat, HWC or CHW. */
    private static LabeledImages fit(LabeledImages test, Shape input, Path file) {
        if (test.exampleShape().size() != input.size()) {
            throw new UsageException(file + " takes inputs of " + input + ", the dataset's images are "
                    + test.exampleShape());
        }
        if (input.rank() == 3 && input.dim(0) <= 4 && !input.equals(test.exampleShape())) {
            return test.channelsFirst(input.dim(1), input.dim(2));
        }
        return new LabeledImages(test.name(), test.pixels(), input, test.labels(), test.classes());
    }
}
