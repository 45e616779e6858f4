package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.jgrad.datasets.IdxFixtures;

/**
 * The bad-input corpus: files the test makes broken in one way each, and misuses of the command
 * line. Every case must end with exit 1 or 2 and one line that names the culprit (the file, the
 * option, the value): never exit 0, never a stack trace (without -Djgrad.debug=true), never an
 * OutOfMemoryError. Forged sizes are also read in a child JVM with a small heap (IdxReaderTest).
 */
class BadInputCorpusTest {
    @TempDir
    static Path tmp;

    /** One case: how to break a fresh fixture folder, the arguments, the exit code and what the error names. */
    record Case(String name, Breaker breaker, List<String> args, int exit, String names) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Breaker {
        void breakIn(Path dir) throws IOException;
    }

    static Stream<Case> corpus() {
        return Stream.of(
                data("gzip with a byte flipped mid-stream", d -> flip(d.resolve("train-images-idx3-ubyte.gz"), 0.5),
                        1, "train-images-idx3-ubyte.gz"),
                data("gzip cut in half", d -> cut(d.resolve("train-images-idx3-ubyte.gz"), 0.5), 1,
                        "train-images-idx3-ubyte.gz"),
                data("gzip trailer forged", d -> flip(d.resolve("train-labels-idx1-ubyte.gz"), 0.999), 1,
                        "train-labels-idx1-ubyte.gz"),
                data("IDX with a wrong magic", d -> poke(d.resolve("t10k-images-idx3-ubyte"), 2, (byte) 0x0d), 1,
                        "t10k-images-idx3-ubyte"),
                data("IDX claiming 2^20 images it does not hold", d -> forgeCount(d.resolve("t10k-images-idx3-ubyte")),
                        1, "t10k-images-idx3-ubyte"),
                data("IDX labels fewer than images", d -> Files.write(d.resolve("t10k-labels-idx1-ubyte"),
                        IdxFixtures.idx(new int[] {50}, new byte[50])), 1, "t10k"),
                data("label 12 in a 10-class set", d -> poke(d.resolve("t10k-labels-idx1-ubyte"), 8 + 7, (byte) 12), 1,
                        "12"),
                data("empty IDX file", d -> Files.write(d.resolve("t10k-labels-idx1-ubyte"), new byte[0]), 1,
                        "t10k-labels-idx1-ubyte"),
                data("missing labels file", d -> Files.delete(d.resolve("t10k-labels-idx1-ubyte")), 2,
                        "t10k-labels-idx1-ubyte"),
                new Case("a corrupt checkpoint to --load", d -> {
                    fixtures(d);
                    Files.write(d.resolve("c.ck"), "JGRADCK1 but then nonsense".getBytes(StandardCharsets.US_ASCII));
                }, List.of("mnist", "--data-dir", "{dir}", "--quiet", "--load", "{dir}/c.ck"), 1, "c.ck"),
                new Case("a text file to --load", d -> {
                    fixtures(d);
                    Files.writeString(d.resolve("notes.txt"), "hello");
                }, List.of("mnist", "--data-dir", "{dir}", "--quiet", "--load", "{dir}/notes.txt"), 1, "notes.txt"),
                new Case("a diverging learning rate", BadInputCorpusTest::fixtures,
                        List.of("mnist", "--data-dir", "{dir}", "--quiet", "--lr", "1e6", "--iterations", "200"), 1, "step"),
                new Case("a misspelt option", BadInputCorpusTest::fixtures,
                        List.of("mnist", "--data-dir", "{dir}", "--itterations", "5"), 2, "--itterations"),
                new Case("a JVM property after the command", BadInputCorpusTest::fixtures,
                        List.of("mnist", "-Djgrad.backend=cpu"), 2, "-Djgrad.backend=cpu"),
                new Case("a number option given a word", BadInputCorpusTest::fixtures,
                        List.of("mnist", "--data-dir", "{dir}", "--lr", "fast"), 2, "--lr"),
                new Case("an initializer with NaN", BadInputCorpusTest::fixtures,
                        List.of("mnist", "--data-dir", "{dir}", "--init", "normal:nan"), 2, "--init"),
                new Case("a report into a missing folder", BadInputCorpusTest::fixtures,
                        List.of("mnist", "--data-dir", "{dir}", "--report", "{dir}/no/such/r.json"), 2, "r.json"),
                new Case("a plot file of an unknown format", BadInputCorpusTest::fixtures,
                        List.of("mnist", "--data-dir", "{dir}", "--plot", "{dir}/curves.gif"), 2, "curves.gif"),
                new Case("--resume without --spark", BadInputCorpusTest::fixtures,
                        List.of("mnist", "--data-dir", "{dir}", "--resume", "{dir}/x.ck"), 2, "--spark"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void endsWithOneLineNamingTheProblem(Case c) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "case");
        c.breaker().breakIn(dir);
        String[] args = c.args().stream().map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        List<String> lines = e.lines().filter(l -> !l.startsWith("run 'jgrad ")).filter(l -> !l.startsWith("["))
                .toList();
        assertTrue(code == c.exit(), c + ": exit " + code + ", wanted " + c.exit() + "; stderr:\n" + e);
        assertTrue(lines.size() == 1 && lines.get(0).startsWith("jgrad " + args[0] + ": "),
                c + ": one error line, got:\n" + e);
        assertTrue(lines.get(0).contains(c.names()), c + ": the error names '" + c.names() + "': " + lines.get(0));
        assertFalse(e.contains("\tat ") || e.contains("OutOfMemoryError"), c + ": no trace:\n" + e);
    }

    private static Case data(String name, Breaker breaker, int exit, String names) {
        return new Case(name, d -> {
            fixtures(d);
            breaker.breakIn(d);
        }, List.of("mnist", "--data-dir", "{dir}", "--no-download", "--quiet", "--iterations", "20"), exit, names);
    }

    private static void fixtures(Path dir) throws IOException {
        IdxFixtures.mnistFolder(dir, 200, 100);
    }

    private static void flip(Path file, double where) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int i = Math.min(b.length - 1, (int) (b.length * where));
        b[i] ^= 0x5a;
        Files.write(file, b);
    }

    private static void cut(Path file, double keep) throws IOException {
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, (int) (b.length * keep)));
    }

    private static void poke(Path file, int offset, byte value) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[offset] = value;
        Files.write(file, b);
    }

    /** Rewrites the count in the header to 2^20 (the file keeps its 100 images). */
    private static void forgeCount(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[4] = 0;
        b[5] = 0x10;
        b[6] = 0;
        b[7] = 0;
        Files.write(file, b);
    }
}
