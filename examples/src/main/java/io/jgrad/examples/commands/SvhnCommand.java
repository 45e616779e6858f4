package io.jgrad.examples.commands;

import java.io.PrintStream;
import java.util.Map;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Adam;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.train.Dataset;
import io.jgrad.core.train.Sampling;
import io.jgrad.core.train.Trainer;
import io.jgrad.examples.cli.Command;
import io.jgrad.examples.cli.CommandSupport;
import io.jgrad.examples.cli.Options;
import io.jgrad.datasets.Mnist;
import io.jgrad.datasets.Svhn;

/**
 * The Keras SVHN recipe: flatten 32x32x3, Dense 32-64-128-256 ReLU, 10 logits, sparse softmax
 * cross-entropy, Adam, batch 32, shuffle buffer 1024, 10 epochs, inputs scaled to [0, 1].
 * {@code --no-scale} feeds raw 0-255 pixels and shows the network stalling near 19%: the share of
 * the most frequent class.
 */
public final class SvhnCommand implements Command {
    @Override
    public String name() {
        return "svhn";
    }

    @Override
    public String summary() {
        return "train the Keras-recipe MLP (or --model cnn, the small CNN) on SVHN cropped digits (.mat)";
    }

    @Override
    public Options options() {
        Options o = new Options()
                .choice("model", "NAME", "mlp", "mlp (the Keras recipe) or cnn (conv32-pool-conv64-pool-dense128)", "mlp", "cnn")
                .number("dropout", "P", "0", "cnn: dropout before the last layer (0: none)")
                .flag("batchnorm", "cnn: BatchNorm after each convolution and the hidden dense layer")
                .number("lr", "RATE", "0.001", "Adam learning rate")
                .integer("batch-size", "N", null, "minibatch size (default: mlp 32, cnn 64)")
                .integer("epochs", "N", null, "epochs (default 10)")
                .integer("iterations", "N", null, "train for N steps instead of epochs")
                .value("hidden", "LIST", "32,64,128,256", "hidden layer sizes")
                .value("activation", "NAME", "relu", "hidden activation")
                .value("shuffle-buffer", "N", "1024", "tf.data-style shuffle buffer (0: full shuffle)")
                .flag("no-scale", "feed raw 0-255 pixels (shows the stall near 19%)");
        TrainingRun.trainingOptions(CommandSupport.dataOptions(o), "42");
        return o.common();
    }

    @Override
    public int run(Options.Parsed args, PrintStream out) throws Exception {
        boolean cnn = args.get("model").equals("cnn");
        int batch = args.has("batch-size") ? args.positiveInteger("batch-size") : cnn ? CnnRecipe.BATCH : 32;
        double lr = args.number("lr");
        long seed = args.longValue("seed");
        int[] hidden = args.integers("hidden");
        int buffer = args.integer("shuffle-buffer");
        boolean scale = !args.has("no-scale");
        Backend backend = CommandSupport.backend(args);
        Mnist.Splits data = Svhn.load(CommandSupport.locator(args), scale);
        if (data.note() != null) {
            out.println(data.note());
        }
        Map<String, Object> report = CommandSupport.report(backend, name());
        report.put("dataset", "svhn");
        report.put("model", args.get("model"));
        report.put("hidden", hidden);
        report.put("lr", lr);
        report.put("batch_size", batch);
        report.put("shuffle_buffer", buffer);
        report.put("scaled_inputs", scale);
        report.put("seed", seed);
        report.put("train_examples", data.train().size());
        report.put("test_examples", data.test().size());
        try (Dataset train = (cnn ? data.train().channelsFirst(32, 32) : data.train()).toDataset(backend, DType.FLOAT32);
             Dataset test = (cnn ? data.test().channelsFirst(32, 32) : data.test()).toDataset(backend, DType.FLOAT32);
             Sequential model = cnn ? CnnRecipe.build(backend, DType.FLOAT32, seed, 3, 32, args.has("batchnorm"),
                     args.number("dropout"))
                     : MlpRecipe.build(backend, DType.FLOAT32, seed, Initializer.xavier(), new int[] {32, 32, 3}, hidden,
                     args.get("activation"));
             SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
             Adam adam = cnn ? Adam.pytorch(lr) : new Adam(lr)) {
            out.print(model.summary());
            Trainer.Builder builder = TrainingRun.schedule(Trainer.builder(model, loss, adam), args, null, "10")
                    .batchSize(batch).seed(seed)
                    .sampling(buffer == 0 || cnn ? Sampling.shuffle() : Sampling.shuffleBuffer(buffer));
            if (cnn) {
                builder.evaluationBatchSize(256);
            }
            TrainingRun.run(args, builder, model, loss, adam, train, test, batch, report,
                    cnn ? "svhn CNN" : "svhn MLP", out);
        }
        return 0;
    }
}
