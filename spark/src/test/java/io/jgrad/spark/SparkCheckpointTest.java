package io.jgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jgrad.core.loss.SoftmaxCrossEntropy;
import io.jgrad.core.nn.Sequential;
import io.jgrad.core.optim.Adam;
import io.jgrad.core.tensor.DType;

class SparkCheckpointTest {
    private static final List<Sample> TRAIN = SparkTestData.samples(240, 11);

    @TempDir
    Path dir;

    private String uri(String name) {
        return dir.resolve(name).toUri().toString();
    }

    @Test
    void aResumedRunEndsExactlyWhereTheUninterruptedOneDoes() throws Exception {
        Map<String, double[]> whole = SparkTrainerTest.train(
                SparkTestData.adam(0.01).localSteps(3).rounds(7).seed(4).build(), TRAIN, 2);
        // The first run stops after round 4 (its checkpoint); the second resumes there and runs to 7.
        SparkTestData.adam(0.01).localSteps(3).rounds(4).seed(4).checkpoint(uri("run.ck"), 4).build()
                .fit(SparkTestData.rdd(TRAIN, 2), null).close();
        assertEquals(4, SparkCheckpoint.header(uri("run.ck"), SparkTestData.context().hadoopConfiguration()).rounds());
        try (SparkTrainingResult resumed = SparkTestData.adam(0.01).localSteps(3).rounds(7).seed(4)
                .resumeFrom(uri("run.ck")).build().fit(SparkTestData.rdd(TRAIN, 2), null)) {
            assertEquals(3, resumed.stats().rounds());
            whole.forEach((name, values) -> assertArrayEquals(values,
                    resumed.model().stateDict().get(name).toDoubleArray(), name));
        }
    }

    @Test
    void theCheckpointIsWrittenWholeUnderItsNameOnly() throws Exception {
        SparkTestData.adam(0.01).localSteps(2).rounds(4).checkpoint(uri("every.ck"), 2).build()
                .fit(SparkTestData.rdd(TRAIN, 2), null).close();
        assertTrue(Files.exists(dir.resolve("every.ck")));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().contains(".tmp-")), "no temporary file left");
        }
    }

    @Test
    void aCorruptCheckpointIsRefused() throws Exception {
        SparkTestData.adam(0.01).localSteps(2).rounds(2).checkpoint(uri("c.ck"), 2).build()
                .fit(SparkTestData.rdd(TRAIN, 2), null).close();
        byte[] bytes = Files.readAllBytes(dir.resolve("c.ck"));
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(dir.resolve("c.ck"), bytes);
        Files.deleteIfExists(dir.resolve(".c.ck.crc")); // Hadoop's own checksum file would catch it first
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SparkTestData.adam(0.01).localSteps(2)
                .rounds(4).resumeFrom(uri("c.ck")).build().fit(SparkTestData.rdd(TRAIN, 2), null).close());
        assertTrue(e.getMessage().contains("checksum mismatch, the checkpoint is corrupt"), e.getMessage());
    }

    @Test
    void aFileThatIsNoCheckpointIsRefused() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello, this is not a checkpoint at all, just text");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SparkTestData.adam(0.01)
                .resumeFrom(uri("notes.txt")).build().fit(SparkTestData.rdd(TRAIN, 2), null).close());
        assertTrue(e.getMessage().contains("is not a jgrad Spark checkpoint"), e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherModelIsRefused() throws Exception {
        SparkTestData.adam(0.01).localSteps(2).rounds(2).checkpoint(uri("m.ck"), 2).build()
                .fit(SparkTestData.rdd(TRAIN, 2), null).close();
        ModelFactory wider = backend -> Sequential.builder(backend, DType.FLOAT32).input(SparkTestData.FEATURES)
                .dense(32).relu().dense(SparkTestData.CLASSES).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrainer
                .builder(wider, SoftmaxCrossEntropy::sparse, () -> new Adam(0.01)).localSteps(2).rounds(4)
                .resumeFrom(uri("m.ck")).build().fit(SparkTestData.rdd(TRAIN, 2), null).close());
        assertTrue(e.getMessage().contains("[8, 16] float32 in the checkpoint but [8, 32]"), e.getMessage());
    }

    @Test
    void aCheckpointOfOtherSettingsIsRefused() throws Exception {
        SparkTestData.adam(0.01).localSteps(2).rounds(2).checkpoint(uri("s.ck"), 2).build()
                .fit(SparkTestData.rdd(TRAIN, 2), null).close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTestData.adam(0.01)
                .localSteps(5).rounds(4).resumeFrom(uri("s.ck")).build().fit(SparkTestData.rdd(TRAIN, 2), null).close());
        assertTrue(e.getMessage().contains("written by a run with 2 local steps, 2 partitions"), e.getMessage());
    }

    @Test
    void aMissingCheckpointIsNamed() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SparkTestData.adam(0.01)
                .resumeFrom(uri("absent.ck")).build().fit(SparkTestData.rdd(TRAIN, 2), null).close());
        assertTrue(e.getMessage().contains("absent.ck does not exist"), e.getMessage());
    }
}
