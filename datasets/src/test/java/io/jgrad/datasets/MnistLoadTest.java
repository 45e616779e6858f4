package io.jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All four files come from one folder; nothing is mixed in from another one silently. */
class MnistLoadTest {
    @TempDir
    Path tmp;

    private DatasetLocator locator(Path dataDir) {
        return new DatasetLocator(dataDir, null, tmp.resolve("home"), false, System.err);
    }

    @Test
    void aMissingTestLabelsFileIsNamedNotReplacedByAHeldOutSplit() throws IOException {
        Path dir = IdxFixtures.mnistFolder(tmp.resolve("d"), 50, 20);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        IOException e = assertThrows(IOException.class, () -> Mnist.load("mnist", locator(dir)));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz") && e.getMessage().contains(dir.toString()),
                e.getMessage());
    }

    @Test
    void trainingFilesAloneHoldOutATenthAndSaySo() throws IOException {
        Path dir = IdxFixtures.mnistFolder(tmp.resolve("d"), 50, 20);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        Mnist.Splits s = Mnist.load("mnist", locator(dir));
        assertEquals(45, s.train().size());
        assertEquals(5, s.test().size());
        assertTrue(s.note().contains("holding out"), s.note());
    }

    @Test
    void testFilesAreNeverTakenFromAnotherFolder() throws IOException {
        Path trainOnly = IdxFixtures.mnistFolder(tmp.resolve("a"), 50, 20);
        Files.delete(trainOnly.resolve("t10k-labels-idx1-ubyte"));
        Files.delete(trainOnly.resolve("t10k-images-idx3-ubyte"));
        IdxFixtures.mnistFolder(tmp.resolve("home/.jgrad/datasets/mnist"), 30, 7); // a complete set elsewhere
        Mnist.Splits s = Mnist.load("mnist", locator(trainOnly));
        assertEquals(5, s.test().size(), "held out from the --data-dir folder, not the 7 test images of another");
    }

    @Test
    void onlyTheMissingFileIsNamed() throws IOException {
        Path dir = IdxFixtures.mnistFolder(tmp.resolve("d"), 50, 20);
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> Mnist.load("mnist", locator(dir)));
        assertTrue(e.getMessage().contains("Missing: train-labels-idx1-ubyte.gz (")
                && !e.getMessage().contains("t10k-images"), e.getMessage());
    }

    /** gzip-compressed training files in the fixture; the head is the loaded split's first examples. */
    @Test
    void trainingHeadIsTheFirstExamplesOfTheTrainingSplit() throws IOException {
        Path dir = IdxFixtures.mnistFolder(tmp.resolve("d"), 50, 20);
        LabeledImages head = Mnist.trainingHead("mnist", locator(dir), 3);
        LabeledImages all = Mnist.load("mnist", locator(dir)).train();
        assertEquals(3, head.size());
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOf(all.labels(), 3)),
                java.util.Arrays.toString(head.labels()));
        assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOf(all.pixels(), 3 * 784), head.pixels()));
    }

    @Test
    void aTrainingHeadLongerThanTheFilesNamesThem() throws IOException {
        Path dir = IdxFixtures.mnistFolder(tmp.resolve("d"), 50, 20);
        IOException e = assertThrows(IOException.class, () -> Mnist.trainingHead("mnist", locator(dir), 51));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz") && e.getMessage().contains("holds 50"),
                e.getMessage());
    }

    @Test
    void headLongerThanTheSetIsRefusedNotPadded() throws IOException {
        Path dir = IdxFixtures.mnistFolder(tmp.resolve("d"), 50, 20);
        LabeledImages train = Mnist.load("mnist", locator(dir)).train();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train.head(51));
        assertTrue(e.getMessage().contains("51") && e.getMessage().contains("50"), e.getMessage());
    }
}
