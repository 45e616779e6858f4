package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/performance.md cites the harnesses in docs/runs as the commands behind its figures; several
 * reach package-private kernel APIs, so a refactoring could break them without any build noticing.
 * This compiles them all against the current classes.
 */
class DocsHarnessesCompileTest {
    private static final Path RUNS = Path.of("..", "docs", "runs");

    @Test
    void everyHarnessInDocsRunsCompiles(@TempDir Path out) throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.list(RUNS)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted()
                    .collect(Collectors.toList());
        }
        assertFalse(sources.isEmpty(), "no harnesses found in " + RUNS.toAbsolutePath());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-proc:none", "-nowarn", "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), "-d", out.toString()));
        args.addAll(sources);
        int rc = javac.run(null, null, errors, args.toArray(String[]::new));
        assertEquals(0, rc, () -> "docs/runs harnesses no longer compile:\n" + errors);
    }
}
