package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** VectorDgemm.java is generated from VectorSgemm.java; this fails when someone edits one but not both. */
class VectorDgemmGenerationTest {
    private static final Path DIR = Path.of("src/main/java/io/jgrad/backend/cpu");

    @Test
    void vectorDgemmIsUpToDate() throws IOException, InterruptedException {
        Path tmp = Files.createTempFile("VectorDgemm", ".java");
        try {
            String script = "import importlib.util,sys,pathlib\n"
                    + "spec=importlib.util.spec_from_file_location('g','gen-vector-dgemm.py')\n"
                    + "g=importlib.util.module_from_spec(spec);spec.loader.exec_module(g)\n"
                    + "pathlib.Path(sys.argv[1]).write_text(g.generate(pathlib.Path(sys.argv[2]).read_text()))\n";
            Process p;
            try {
                p = new ProcessBuilder("python3", "-c", script, tmp.toString(),
                        DIR.resolve("VectorSgemm.java").toString()).inheritIO().start();
            } catch (IOException noPython) {
                Assumptions.abort("python3 is not installed: " + noPython.getMessage());
                return;
            }
            assertEquals(0, p.waitFor(), "generator failed");
            assertEquals(Files.readString(tmp), Files.readString(DIR.resolve("VectorDgemm.java")),
                    "VectorDgemm.java is stale: run python3 backend-cpu/gen-vector-dgemm.py");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
