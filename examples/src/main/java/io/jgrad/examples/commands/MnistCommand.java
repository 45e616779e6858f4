package io.jgrad.examples.commands;

import java.io.PrintStream;
import java.util.Map;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.train.Dataset;
import io.jgrad.core.train.Sampling;
import io.jgrad.core.train.Trainer;
import io.jgrad.examples.cli.Command;
import io.jgrad.examples.cli.CommandSupport;
import io.jgrad.examples.cli.Options;
import io.jgrad.datasets.Mnist;

/**
 * The classic two-layer net: 784-H-10, ReLU or sigmoid, W ~ N(0, 0.01^2), softmax cross-entropy,
 * plain SGD on minibatches sampled with replacement; an epoch is 60000/100 = 600 iterations.
 */
public final class MnistCommand implements Command {
    @Override
    public String name() {
        return "mnist";
    }

    @Override
    public String summary() {
        return "train the 784-H-10 two-layer net on MNIST or Fashion-MNIST";
    }

    @Override
    public Options options() {
        Options o = new Options()
                .value("dataset", "NAME", "mnist", "mnist or fashion-mnist")
                .value("hidden", "H", "100", "hidden units")
                .value("activation", "NAME", "relu", "relu or sigmoid (also tanh, leakyrelu)")
                .value("lr", "RATE", "0.1", "SGD learning rate")
                .value("batch-size", "N", "100", "minibatch size")
                .value("iterations", "N", null, "training steps (default 10000)")
                .value("epochs", "N", null, "train for N epochs of n/batch steps instead")
                .value("init", "NAME", "normal:0.01", "weight init: normal[:sigma], xavier, he")
                .value("dtype", "TYPE", "float32", "float32 or float64");
        // Default seed 4: the median of the seeds 1-8 and 42 on Fashion-MNIST (docs/performance.md).
        TrainingRun.trainingOptions(CommandSupport.dataOptions(o), "4");
        return o.common();
    }

    @Override
    public int run(Options.Parsed args, PrintStream out) throws Exception {
        String dataset = args.get("dataset");
        Mnist.spec(dataset); // fails early on an unknown name
        int hidden = args.positiveInteger("hidden");
        int batch = args.positiveInteger("batch-size");
        double lr = args.number("lr");
        long seed = args.longValue("seed");
        DType dtype = DType.parse(args.get("dtype"));
        Backend backend = CommandSupport.backend(args);
        Mnist.Splits data = Mnist.load(dataset, CommandSupport.locator(args));
        if (data.note() != null) {
            out.println(data.note());
        }
        Map<String, Object> report = CommandSupport.report(backend, name());
        report.put("dataset", dataset);
        report.put("hidden", hidden);
        report.put("activation", args.get("activation"));
        report.put("lr", lr);
        report.put("batch_size", batch);
        report.put("seed", seed);
        report.put("dtype", dtype.toString());
        report.put("train_examples", data.train().size());
        report.put("test_examples", data.test().size());
        try (Dataset train = data.train().toDataset(backend, dtype);
             Dataset test = data.test().toDataset(backend, dtype);
             Sequential model = Sequential.builder(backend, dtype).seed(seed)
                     .initializer(Initializer.parse(args.get("init")))
                     .input(784).dense(hidden).activation(args.get("activation")).dense(10).build();
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             SGD sgd = new SGD(lr)) {
            out.printf("%s on %s (%d train / %d test), backend %s%n", "784-" + hidden + "-10 " + args.get("activation"),
                    dataset, train.size(), test.size(), backend);
            Trainer.Builder builder = TrainingRun.schedule(Trainer.builder(model, loss, sgd), args, "10000", null)
                    .batchSize(batch).sampling(Sampling.withReplacement()).seed(seed);
            report.put("iterations", builder.build().totalSteps(train.size()));
            TrainingRun.run(args, builder, model, loss, sgd, train, test, batch, report,
                    dataset + " 784-" + hidden + "-10", out);
        }
        return 0;
    }
}
