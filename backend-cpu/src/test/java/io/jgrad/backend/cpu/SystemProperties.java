package io.jgrad.backend.cpu;

/** Runs a check with a system property set (or cleared, for null), restoring it afterwards. */
final class SystemProperties {
    private SystemProperties() {
    }

    static void with(String name, String value, Runnable check) {
        String before = System.getProperty(name);
        try {
            set(name, value);
            check.run();
        } finally {
            set(name, before);
        }
    }

    private static void set(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
