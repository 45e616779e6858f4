package io.jgrad.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * MNIST and Fashion-MNIST: 28x28 grayscale images scaled to [0, 1], labels 0-9. A folder holding
 * only the training files (like the shared first-10k MNIST subset) is accepted: the last tenth of
 * it becomes the test split.
 */
public final class Mnist {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    private Mnist() {
    }

    /** A train and a test split. */
    public record Splits(LabeledImages train, LabeledImages test, String note) {
    }

    public static RemoteDataset spec(String dataset) {
        switch (dataset) {
            case "mnist":
                return RemoteDataset.MNIST;
            case "fashion-mnist":
                return RemoteDataset.FASHION_MNIST;
            default:
                throw new IllegalArgumentException("unknown dataset '" + dataset + "' (expected mnist or fashion-mnist)");
        }
    }

    public static Splits load(String dataset, DatasetLocator locator) throws IOException {
        RemoteDataset ds = spec(dataset);
        Path trainImages = locator.find(ds, TRAIN_IMAGES);
        Path trainLabels = locator.find(ds, TRAIN_LABELS);
        Path testImages = locator.find(ds, TEST_IMAGES);
        Path testLabels = locator.find(ds, TEST_LABELS);
        if (trainImages != null && trainLabels != null && trainImages.getParent().equals(trainLabels.getParent())
                && (testImages == null || testLabels == null)) {
            LabeledImages all = IdxReader.readImages(dataset, trainImages, trainLabels, 10);
            int cut = all.size() - all.size() / 10;
            return new Splits(all.slice(dataset + "-train", 0, cut), all.slice(dataset + "-test", cut, all.size()),
                    "no test files next to " + trainImages.getParent() + ": holding out the last " + (all.size() - cut)
                            + " training examples as the test split");
        }
        Map<String, Path> f = locator.locate(ds, List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS));
        return new Splits(IdxReader.readImages(dataset + "-train", f.get(TRAIN_IMAGES), f.get(TRAIN_LABELS), 10),
                IdxReader.readImages(dataset + "-test", f.get(TEST_IMAGES), f.get(TEST_LABELS), 10), null);
    }
}
