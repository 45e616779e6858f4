package io.jgrad.examples.commands;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.jgrad.datasets.DatasetLocator;
import io.jgrad.datasets.Mnist;

/**
 * The first 10,000 MNIST training digits, shipped inside the examples jar (1.6 MB; MNIST is by Yann
 * LeCun, Corinna Cortes and Christopher J.C. Burges, CC BY-SA 3.0), so that the README's first
 * command trains on a machine with no network. Used only when the full set is neither present nor
 * downloadable and no --data-dir was given; the last tenth is held out as the test split.
 */
final class EmbeddedMnist {
    static final String NAME = "mnist-embedded-10k";
    private static final String[] FILES = {Mnist.TRAIN_IMAGES, Mnist.TRAIN_LABELS};

    private EmbeddedMnist() {
    }

    static Mnist.Splits load() throws IOException {
        Path dir = Files.createTempDirectory("jgrad-mnist10k");
        dir.toFile().deleteOnExit();
        for (String f : FILES) {
            try (InputStream in = EmbeddedMnist.class.getResourceAsStream("/io/jgrad/examples/mnist-first10k/" + f)) {
                if (in == null) {
                    throw new IOException("the examples jar lacks its embedded " + f);
                }
                Path target = dir.resolve(f);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().deleteOnExit();
            }
        }
        Mnist.Splits s = Mnist.load("mnist", new DatasetLocator(dir, false, System.err));
        return new Mnist.Splits(s.train(), s.test(), "MNIST was not found here and could not be downloaded: training on"
                + " the " + (s.train().size() + s.test().size()) + " digits embedded in the jar (the first of MNIST's"
                + " training set), the last " + s.test().size() + " held out for testing. For the full set, put the"
                + " four IDX files in ~/.jgrad/datasets/mnist or pass --data-dir DIR.");
    }
}
