package io.jgrad.core.backend;

/** Whether a backend can run here, with the reason when it cannot (never an exception). */
public record Availability(boolean available, String detail) {

    public static Availability available(String detail) {
        return new Availability(true, detail);
    }

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }

    @Override
    public String toString() {
        return (available ? "available" : "unavailable") + ": " + detail;
    }
}
