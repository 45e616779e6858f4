package io.jgrad.examples.commands;

import java.io.PrintStream;
import java.util.Map;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.gradcheck.GradientCheck;
import io.jgrad.core.gradcheck.GradientCheckReport;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Padding;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.train.Dataset;
import io.jgrad.examples.cli.Command;
import io.jgrad.examples.cli.CommandSupport;
import io.jgrad.examples.cli.Options;
import io.jgrad.datasets.LabeledImages;
import io.jgrad.datasets.Mnist;

/** The classic gradient check: a float64 784-50-10 net on the first few training images. */
public final class GradcheckCommand implements Command {
    @Override
    public String name() {
        return "gradcheck";
    }

    @Override
    public String summary() {
        return "compare backprop with numerical gradients per parameter (784-50-10, float64)";
    }

    @Override
    public Options options() {
        Options o = new Options()
                .value("dataset", "NAME", "mnist", "mnist or fashion-mnist")
                .value("samples", "N", "3", "training images in the batch")
                .choice("model", "NAME", "mlp", "mlp (784-H-10) or cnn (conv4-pool-conv8-pool-dense10, 3x3 same)", "mlp", "cnn")
                .integer("hidden", "H", "50", "hidden units")
                .value("activation", "NAME", "relu", "hidden activation")
                .value("h", "STEP", "1e-4", "central-difference step")
                .value("threshold", "X", "1e-6", "largest relative error that passes")
                .value("per-parameter", "K", "0", "check K random scalars per parameter (0: all)")
                .integer("seed", "N", "42", "seed of the weights");
        CommandSupport.dataOptions(o);
        return o.common();
    }

    @Override
    public int run(Options.Parsed args, PrintStream out) throws Exception {
        int samples = args.positiveInteger("samples");
        int hidden = args.positiveInteger("hidden");
        Backend backend = CommandSupport.backend(args);
        LabeledImages first = Mnist.trainingHead(args.get("dataset"), CommandSupport.locator(args), samples);
        boolean cnn = args.get("model").equals("cnn");
        try (Dataset data = (cnn ? first.channelsFirst(28, 28) : first).toDataset(backend, DType.FLOAT64);
             Sequential model = cnn ? smallCnn(backend, args) : Sequential.builder(backend, DType.FLOAT64)
                     .seed(args.longValue("seed")).initializer(Initializer.normal(0.01)).input(784).dense(hidden)
                     .activation(args.get("activation")).dense(10).build();
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse()) {
            String what = cnn ? "CNN conv4-" + args.get("activation") + "-maxpool-conv8-" + args.get("activation")
                    + "-maxpool-dense10" : "784-" + hidden + "-10 " + args.get("activation");
            out.printf("gradient check: %s, float64, %d %s images, backend %s%n", what, samples,
                    args.get("dataset"), backend.name());
            GradientCheckReport r = new GradientCheck().step(args.number("h")).threshold(args.number("threshold"))
                    .samplesPerParameter(args.integer("per-parameter"))
                    .check(model, loss, data.features().reshape(Sequential.batched(data.exampleShape(), data.size())
                            .dims()), data.targets());
            out.print(r.table());
            Map<String, Object> report = CommandSupport.report(backend, name());
            report.put("dataset", args.get("dataset"));
            report.put("samples", samples);
            report.put("model", args.get("model"));
            report.put("hidden", hidden);
            report.putAll(r.toMap());
            CommandSupport.writeReport(args, report);
            return r.passed() ? 0 : 1;
        }
    }

    /** A float64 CNN small enough to check every weight: 1x28x28 -> conv4 -> pool -> conv8 -> pool -> dense10. */
    private static Sequential smallCnn(Backend backend, Options.Parsed args) {
        return Sequential.builder(backend, DType.FLOAT64).seed(args.longValue("seed")).pytorchInit()
                .input(1, 28, 28)
                .conv2d(4, 3, Padding.same()).activation(args.get("activation")).maxPool(2)
                .conv2d(8, 3, Padding.same()).activation(args.get("activation")).maxPool(2)
                .flatten().dense(10).build();
    }
}
