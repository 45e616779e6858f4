package io.jgrad.examples.commands;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.LongFunction;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Adam;
import io.jgrad.core.optim.SGD;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.train.Dataset;
import io.jgrad.core.train.Sampling;
import io.jgrad.core.train.Trainer;
import io.jgrad.examples.cli.Command;
import io.jgrad.examples.cli.CommandSupport;
import io.jgrad.examples.cli.Options;
import io.jgrad.examples.cli.UsageException;
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
        return "train the 784-H-10 two-layer net (or --model cnn, the small CNN) on MNIST or Fashion-MNIST";
    }

    @Override
    public Options options() {
        Options o = new Options()
                .value("dataset", "NAME", "mnist", "mnist or fashion-mnist")
                .choice("model", "NAME", "mlp", "mlp (784-H-10, SGD) or cnn (conv32-pool-conv64-pool-dense128, Adam)", "mlp", "cnn")
                .number("dropout", "P", "0", "cnn: dropout before the last layer (0: none)")
                .flag("batchnorm", "cnn: BatchNorm after each convolution and the hidden dense layer")
                .integer("hidden", "H", "100", "hidden units")
                .value("activation", "NAME", "relu", "relu or sigmoid (also tanh, leakyrelu)")
                .number("lr", "RATE", null, "learning rate (default: mlp 0.1 SGD, cnn 0.001 Adam)")
                .integer("batch-size", "N", null, "minibatch size (default: mlp 100, cnn 64)")
                .integer("iterations", "N", null, "training steps (default: mlp 10000)")
                .integer("epochs", "N", null, "train for N epochs (default: cnn 3)")
                .value("init", "NAME", "normal:0.01", "weight init: normal[:sigma], xavier, he")
                .value("dtype", "TYPE", "float32", "float32 or float64")
                .value("spark", "MASTER", null, "train data-parallel on Spark: local[N] or spark://HOST:PORT (mlp)")
                .integer("local-steps", "K", "1", "spark: steps per replica per round (1: averaged gradients)")
                .integer("partitions", "N", null, "spark: data partitions = replicas (default: the cluster's cores)")
                .integer("checkpoint-every", "N", "100", "spark: rounds between the checkpoints written to --save")
                .value("resume", "URI", null, "spark: continue the run whose --save checkpoint this is")
                .value("spark-dir", "URI", null, "spark: a folder all nodes share for the packed data (default: a local temp folder)");
        // Default seed 4: the median of the seeds 1-8 and 42 on Fashion-MNIST (docs/performance.md).
        TrainingRun.trainingOptions(CommandSupport.dataOptions(o), "4");
        return o.common();
    }

    @Override
    public int run(Options.Parsed args, PrintStream out) throws Exception {
        if (args.get("model").equals("cnn")) {
            return runCnn(args, out);
        }
        String dataset = args.get("dataset");
        Mnist.spec(dataset); // fails early on an unknown name
        int hidden = args.positiveInteger("hidden");
        Initializer init = initializer(args); // options are checked before any data is read
        int batch = args.has("batch-size") ? args.positiveInteger("batch-size") : 100;
        double lr = args.has("lr") ? args.number("lr") : 0.1;
        long seed = args.longValue("seed");
        DType dtype = DType.parse(args.get("dtype"));
        if (args.has("spark")) {
            requireSpark();
            args.positiveInteger("local-steps");
            args.positiveInteger("checkpoint-every");
            if (args.has("partitions")) {
                args.positiveInteger("partitions");
            }
        } else if (args.has("resume") || args.has("partitions") || args.has("spark-dir")
                || args.integer("local-steps") != 1) {
            throw new UsageException("--resume, --partitions, --spark-dir and --local-steps apply to --spark runs only");
        }
        Backend backend = CommandSupport.backend(args);
        KernelWarmUp warmUp = new KernelWarmUp(backend, dtype, () -> MlpRecipe.build(backend, dtype, seed + 1, init,
                new int[] {784}, new int[] {hidden}, args.get("activation")), () -> new SGD(lr), batch, Shape.of(784), 10);
        Mnist.Splits data = warmUp.whileLoading(() -> load(dataset, args));
        Map<String, Object> report = startReport(backend, dataset, data, out);
        report.put("hidden", hidden);
        report.put("activation", args.get("activation"));
        report.put("lr", lr);
        report.put("batch_size", batch);
        report.put("seed", seed);
        report.put("dtype", dtype.toString());
        report.put("train_examples", data.train().size());
        report.put("test_examples", data.test().size());
        if (args.has("spark")) {
            try (Dataset test = data.test().toDataset(backend, dtype)) {
                return SparkMnist.run(args, data.train(), test, backend, dtype, seed, args.get("init"), hidden,
                        args.get("activation"), lr, batch, report, dataset + " 784-" + hidden + "-10", out);
            }
        }
        try (Dataset train = data.train().toDataset(backend, dtype);
             Dataset test = data.test().toDataset(backend, dtype);
             Sequential model = MlpRecipe.build(backend, dtype, seed, init, new int[] {784}, new int[] {hidden},
                     args.get("activation"));
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

    /** The CNN recipe ({@link CnnRecipe}) on 1 x 28 x 28 images. */
    private int runCnn(Options.Parsed args, PrintStream out) throws Exception {
        String dataset = args.get("dataset");
        Mnist.spec(dataset);
        int batch = args.has("batch-size") ? args.positiveInteger("batch-size") : CnnRecipe.BATCH;
        double lr = args.has("lr") ? args.number("lr") : CnnRecipe.LEARNING_RATE;
        double dropout = args.number("dropout");
        long seed = args.longValue("seed");
        DType dtype = DType.parse(args.get("dtype"));
        boolean batchNorm = args.has("batchnorm");
        Backend backend = CommandSupport.backend(args);
        LongFunction<Sequential> recipe = s -> CnnRecipe.build(backend, dtype, s, 1, 28, batchNorm, dropout);
        // The recipe's exact model (another seed) warms the kernels up on this thread while the data is read.
        KernelWarmUp warmUp = new KernelWarmUp(backend, dtype, () -> recipe.apply(seed + 1), () -> Adam.pytorch(lr),
                batch, Shape.of(1, 28, 28), 10);
        Mnist.Splits data = warmUp.whileLoading(() -> load(dataset, args));
        Map<String, Object> report = startReport(backend, dataset, data, out);
        report.put("model", "cnn");
        report.put("dropout", dropout);
        report.put("batchnorm", batchNorm);
        report.put("lr", lr);
        report.put("batch_size", batch);
        report.put("seed", seed);
        report.put("dtype", dtype.toString());
        report.put("train_examples", data.train().size());
        report.put("test_examples", data.test().size());
        try (Dataset train = data.train().channelsFirst(28, 28).toDataset(backend, dtype);
             Dataset test = data.test().channelsFirst(28, 28).toDataset(backend, dtype);
             Sequential model = recipe.apply(seed);
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             Adam adam = Adam.pytorch(lr)) {
            out.print(model.summary());
            out.printf("CNN on %s (%d train / %d test), backend %s%n", dataset, train.size(), test.size(), backend);
            Trainer.Builder builder = TrainingRun.schedule(Trainer.builder(model, loss, adam), args, null, "3")
                    .batchSize(batch).sampling(Sampling.shuffle()).seed(seed).evaluationBatchSize(256);
            report.put("iterations", builder.build().totalSteps(train.size()));
            TrainingRun.run(args, builder, model, loss, adam, train, test, batch, report, dataset + " CNN", out);
        }
        return 0;
    }

    /** Spark is not in the examples jar: ./jgrad adds examples/target/spark-lib, which the build fills. */
    private static void requireSpark() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, MnistCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UsageException("--spark: Spark is not on the class path; build with ./mvnw -DskipTests package"
                    + " (copies Spark to examples/target/spark-lib) and run through ./jgrad");
        }
    }

    private static Initializer initializer(Options.Parsed args) {
        try {
            return Initializer.parse(args.get("init"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--init: " + e.getMessage());
        }
    }

    /**
     * The dataset from --data-dir, the usual folders or a download; for plain MNIST with no
     * --data-dir, the embedded 10,000 digits when none of those has it. An explicit --data-dir
     * that lacks files stays an error.
     */
    private static Mnist.Splits load(String dataset, Options.Parsed args) throws java.io.IOException {
        try {
            return Mnist.load(dataset, CommandSupport.locator(args));
        } catch (io.jgrad.datasets.DataNotFoundException e) {
            if (!dataset.equals("mnist") || args.has("data-dir")) {
                throw e;
            }
            Mnist.Splits s = EmbeddedMnist.load();
            return new Mnist.Splits(s.train().slice(EmbeddedMnist.NAME + "-train", 0, s.train().size()),
                    s.test().slice(EmbeddedMnist.NAME + "-test", 0, s.test().size()), s.note());
        }
    }

    /** Prints the data's note and starts the report with the backend and the dataset's real name. */
    private Map<String, Object> startReport(Backend backend, String dataset, Mnist.Splits data, PrintStream out) {
        if (data.note() != null) {
            out.println(data.note());
        }
        Map<String, Object> report = CommandSupport.report(backend, name());
        report.put("dataset", data.train().name().startsWith(EmbeddedMnist.NAME) ? EmbeddedMnist.NAME : dataset);
        return report;
    }
}
