package io.jgrad.core.tensor;

/** Element type of a tensor: float32 for training, float64 for gradient checks. */
public enum DType {
    FLOAT32(4),
    FLOAT64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses "float32"/"float64" (case-insensitive), naming the valid choices when it fails. */
    public static DType parse(String text) {
        for (DType d : values()) {
            if (d.toString().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + text + "' (expected float32 or float64)");
    }
}
