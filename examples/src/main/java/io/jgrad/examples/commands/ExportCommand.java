package io.jgrad.examples.commands;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.nn.Initializer;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.train.Checkpoint;
import io.jgrad.examples.cli.Command;
import io.jgrad.examples.cli.CommandSupport;
import io.jgrad.examples.cli.Options;
import io.jgrad.examples.cli.UsageException;
import io.jgrad.onnx.OnnxExporter;

/**
 * Writes a checkpoint of one of the example recipes as ONNX: the model is rebuilt from the same
 * options the training run used (a checkpoint holds weights, not the architecture), the weights
 * loaded, then exported.
 */
public final class ExportCommand implements Command {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "write a checkpoint of the mnist or svhn recipe as an ONNX model (opset 17)";
    }

    @Override
    public Options options() {
        return new Options()
                .value("load", "FILE", null, "the checkpoint written by --save (required)")
                .value("onnx", "FILE", null, "the ONNX file to write (required)")
                .choice("recipe", "NAME", "mnist", "mnist (28x28 grey) or svhn (32x32 colour): the training command", "mnist", "svhn")
                .choice("model", "NAME", "mlp", "mlp or cnn, as trained", "mlp", "cnn")
                .value("hidden", "H", null, "mlp hidden sizes, as trained (mnist default 100, svhn 32,64,128,256)")
                .value("activation", "NAME", "relu", "mlp activation, as trained")
                .flag("batchnorm", "cnn: trained with --batchnorm")
                .number("dropout", "P", "0", "cnn: trained with --dropout P")
                .common();
    }

    @Override
    public int run(Options.Parsed args, PrintStream out) throws Exception {
        if (!args.has("load") || !args.has("onnx")) {
            throw new UsageException("--load CHECKPOINT and --onnx FILE are both required");
        }
        Path ck = args.path("load");
        if (!Files.isRegularFile(ck)) {
            throw new UsageException("--load: no checkpoint at " + ck);
        }
        boolean svhn = args.get("recipe").equals("svhn");
        Backend backend = CommandSupport.backend(args);
        try (Sequential model = build(args, backend, svhn)) {
            Checkpoint.load(ck, model, null);
            OnnxExporter.export(model, args.path("onnx"));
            out.println("exported " + ck + " (" + model.parameterCount() + " parameters) to " + args.path("onnx")
                    + " (ONNX opset " + OnnxExporter.OPSET + ")");
        }
        return 0;
    }

    private static Sequential build(Options.Parsed args, Backend backend, boolean svhn) {
        String kind = args.get("model");
        if (kind.equals("cnn")) {
            return CnnRecipe.build(backend, DType.FLOAT32, 1, svhn ? 3 : 1, svhn ? 32 : 28, args.has("batchnorm"),
                    args.number("dropout"));
        }
        int[] hidden = args.has("hidden") ? args.integers("hidden") : svhn ? new int[] {32, 64, 128, 256}
                : new int[] {100};
        return MlpRecipe.build(backend, DType.FLOAT32, 1, Initializer.zeros(), svhn ? new int[] {32, 32, 3}
                : new int[] {784}, hidden, args.get("activation")); // the checkpoint's weights replace the zeros
    }
}
