package io.jgrad.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The examples' version, from the pom.properties Maven puts in the jar. */
public final class Version {
    private Version() {
    }

    public static String line() {
        String v = "development build";
        try (InputStream in = Version.class.getResourceAsStream(
                "/META-INF/maven/io.jgrad/jgrad-examples/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                v = p.getProperty("version", v);
            }
        } catch (IOException e) {
            // the version line is informative only
        }
        return "jgrad " + v + " (Java " + Runtime.version() + ")";
    }
}
