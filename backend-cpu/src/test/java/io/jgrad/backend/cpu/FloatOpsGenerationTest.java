package io.jgrad.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** FloatOps and FloatConvOps are generated from their Double twins; this fails when someone edits one but not both. */
class FloatOpsGenerationTest {
    private static final Path DIR = Path.of("src/main/java/io/jgrad/backend/cpu");

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Ops", "ConvOps"})
    void floatVersionIsUpToDate(String kind) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile("FloatOps", ".java");
        try {
            String script = "import importlib.util,sys,pathlib\n"
                    + "spec=importlib.util.spec_from_file_location('g','gen-float-ops.py')\n"
                    + "g=importlib.util.module_from_spec(spec);spec.loader.exec_module(g)\n"
                    + "pathlib.Path(sys.argv[1]).write_text(g.generate(pathlib.Path(sys.argv[2]).read_text(), sys.argv[3], sys.argv[4]))\n";
            Process p;
            try {
                p = new ProcessBuilder("python3", "-c", script, tmp.toString(),
                        DIR.resolve("Double" + kind + ".java").toString(), "Double" + kind, "Float" + kind).inheritIO().start();
            } catch (IOException noPython) {
                org.junit.jupiter.api.Assumptions.abort("python3 is not installed: " + noPython.getMessage());
                return;
            }
            assertEquals(0, p.waitFor(), "generator failed");
            assertEquals(Files.readString(tmp), Files.readString(DIR.resolve("Float" + kind + ".java")),
                    "Float" + kind + ".java is stale: run python3 backend-cpu/gen-float-ops.py");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
