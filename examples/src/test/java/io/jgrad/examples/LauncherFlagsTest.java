package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shell launchers pass every JVM flag that the jar's own relaunch passes (three copies that must not drift). */
class LauncherFlagsTest {
    @ParameterizedTest
    @ValueSource(strings = {"../jgrad", "src/dist/bin/jgrad"})
    void theShellLauncherPassesEveryRelaunchFlag(String launcher) throws IOException {
        String script = Files.readString(Path.of(launcher)).replace("'", "").replace("\\\n", " ");
        for (String flag : VectorRelaunch.launcherFlags(true)) {
            assertTrue(script.contains(flag), launcher + " does not pass " + flag);
        }
        assertTrue(script.contains("-Djgrad.relaunch=false"), launcher + " would let the jar relaunch itself");
    }
}
