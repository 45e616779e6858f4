package io.jgrad.core.backend;

/**
 * Reads the {@code -Djgrad.*} settings backends take from system properties. A value that cannot
 * be what the setting needs is refused with a message naming the property and the value, never
 * silently replaced by the default ({@link Integer#getInteger} would).
 */
public final class Settings {
    private Settings() {
    }

    /** The integer system property {@code name}, at least {@code min}; {@code defaultValue} when it is absent or blank. */
    public static int intProperty(String name, int defaultValue, int min) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(v.trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the value as given
        }
        throw new IllegalArgumentException("-D" + name + " must be an integer >= " + min + ", got '" + v + "'");
    }

    /** The boolean system property {@code name}: true or false (any case); {@code defaultValue} when absent or blank. */
    public static boolean booleanProperty(String name, boolean defaultValue) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        String t = v.trim();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("-D" + name + " must be true or false, got '" + v + "'");
    }
}
