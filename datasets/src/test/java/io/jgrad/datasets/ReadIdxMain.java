package io.jgrad.datasets;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one IDX file in a child JVM (the forged-size tests give it a small heap); prints the error. */
public final class ReadIdxMain {
    private ReadIdxMain() {
    }

    public static void main(String[] args) {
        try {
            IdxReader.read(Path.of(args[0]), Integer.parseInt(args[1]));
            System.out.println("read");
        } catch (IOException e) {
            System.out.println("error: " + e.getMessage());
            System.exit(1);
        } catch (OutOfMemoryError e) {
            System.out.println("out of memory");
            System.exit(3);
        }
    }
}
