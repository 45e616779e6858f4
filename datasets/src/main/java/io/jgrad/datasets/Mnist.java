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

    /**
     * The training and test splits. All files come from one folder: the first of the search path
     * that holds both training files, with the test files beside them, or, where that folder has no
     * test files at all, the last tenth of the training files held out (said in the note). A folder
     * with only one of the two test files is an error naming the missing one. Where no folder has the
     * training files, all four are downloaded (when allowed).
     */
    public static Splits load(String dataset, DatasetLocator locator) throws IOException {
        RemoteDataset ds = spec(dataset);
        Path dir = locator.folderWith(ds, TRAIN_IMAGES, TRAIN_LABELS);
        if (dir != null) {
            Path testImages = DatasetLocator.findIn(dir, TEST_IMAGES);
            Path testLabels = DatasetLocator.findIn(dir, TEST_LABELS);
            LabeledImages train = IdxReader.readImages(dataset + "-train", DatasetLocator.findIn(dir, TRAIN_IMAGES),
                    DatasetLocator.findIn(dir, TRAIN_LABELS), 10);
            if (testImages != null && testLabels != null) {
                return new Splits(train, IdxReader.readImages(dataset + "-test", testImages, testLabels, 10), null);
            }
            if (testImages != null || testLabels != null) {
                // Missing data, as a missing training file: exit 2 in the CLI, naming the file as found.
                throw new DataNotFoundException(dir + " holds " + (testImages != null ? testImages.getFileName()
                        : testLabels.getFileName()) + " but not " + (testImages != null ? TEST_LABELS : TEST_IMAGES)
                        + " (gzip-compressed or not): add it, or remove both test files to hold out part of the"
                        + " training set instead", null);
            }
            int cut = train.size() - train.size() / 10;
            return new Splits(train.slice(dataset + "-train", 0, cut), train.slice(dataset + "-test", cut, train.size()),
                    "no test files next to " + dir + ": holding out the last " + (train.size() - cut)
                            + " training examples as the test split");
        }
        Map<String, Path> f = locator.locate(ds, List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS));
        return new Splits(IdxReader.readImages(dataset + "-train", f.get(TRAIN_IMAGES), f.get(TRAIN_LABELS), 10),
                IdxReader.readImages(dataset + "-test", f.get(TEST_IMAGES), f.get(TEST_LABELS), 10), null);
    }

    /**
     * The first {@code n} examples of the training files that {@link #load} would use, reading no
     * further into them (a gradient check needs three; for n up to the training split's size they
     * are its first n). Files with fewer than {@code n} examples are an error naming them.
     */
    public static LabeledImages trainingHead(String dataset, DatasetLocator locator, int n) throws IOException {
        if (n < 1) {
            throw new IllegalArgumentException("asked for " + n + " training examples; at least 1 is needed");
        }
        RemoteDataset ds = spec(dataset);
        Path dir = locator.folderWith(ds, TRAIN_IMAGES, TRAIN_LABELS);
        Path images;
        Path labels;
        if (dir != null) {
            images = DatasetLocator.findIn(dir, TRAIN_IMAGES);
            labels = DatasetLocator.findIn(dir, TRAIN_LABELS);
        } else {
            Map<String, Path> f = locator.locate(ds, List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS));
            images = f.get(TRAIN_IMAGES);
            labels = f.get(TRAIN_LABELS);
        }
        LabeledImages head = IdxReader.readImages(dataset + "-train", images, labels, 10, n);
        if (head.size() < n) {
            throw new IOException(images + " holds " + head.size() + " training examples, fewer than the " + n
                    + " asked for");
        }
        return head;
    }
}
