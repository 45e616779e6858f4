package io.jgrad.core.gradcheck;

/**
 * One row of a gradient check: how the analytic gradient of one parameter compared with central
 * differences over {@code checked} of its {@code total} scalars.
 */
public record ParameterCheck(String name, int checked, int total, double rmsAnalytic, double rmsDifference,
                             double maxRelativeError, boolean passed) {
}
