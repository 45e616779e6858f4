package io.jgrad.core.gradcheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The per-parameter table of a gradient check, with the overall verdict and timings. */
public final class GradientCheckReport {
    private final List<ParameterCheck> rows;
    private final double threshold;
    private final double analyticSeconds;
    private final double numericalSeconds;

    GradientCheckReport(List<ParameterCheck> rows, double threshold, double analyticSeconds, double numericalSeconds) {
        this.rows = List.copyOf(rows);
        this.threshold = threshold;
        this.analyticSeconds = analyticSeconds;
        this.numericalSeconds = numericalSeconds;
    }

    public List<ParameterCheck> rows() {
        return rows;
    }

    public ParameterCheck row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row '" + name + "'"));
    }

    public boolean passed() {
        return rows.stream().allMatch(ParameterCheck::passed);
    }

    public double maxRelativeError() {
        return rows.stream().mapToDouble(ParameterCheck::maxRelativeError).max().orElse(0);
    }

    /** Names of the parameters whose gradients failed. */
    public List<String> failures() {
        return rows.stream().filter(r -> !r.passed()).map(ParameterCheck::name).toList();
    }

    public double threshold() {
        return threshold;
    }

    public double analyticSeconds() {
        return analyticSeconds;
    }

    public double numericalSeconds() {
        return numericalSeconds;
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-16s %14s %14s %14s %14s  %s%n", "parameter", "checked",
                "rms(analytic)", "rms(a - n)", "max rel err", "result"));
        for (ParameterCheck r : rows) {
            sb.append(String.format(Locale.ROOT, "%-16s %14s %14.4e %14.4e %14.4e  %s%n", r.name(),
                    r.checked() + "/" + r.total(), r.rmsAnalytic(), r.rmsDifference(), r.maxRelativeError(),
                    r.passed() ? "ok" : "FAIL"));
        }
        sb.append(String.format(Locale.ROOT, "%s: max relative error %.3e (threshold %.1e); analytic gradient %.6f s,"
                + " numerical gradient %.3f s%n", passed() ? "PASSED" : "FAILED", maxRelativeError(), threshold,
                analyticSeconds, numericalSeconds));
        return sb.toString();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", passed());
        m.put("max_relative_error", maxRelativeError());
        m.put("threshold", threshold);
        m.put("analytic_seconds", analyticSeconds);
        m.put("numerical_seconds", numericalSeconds);
        List<Object> ps = new ArrayList<>();
        for (ParameterCheck r : rows) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", r.name());
            e.put("checked", r.checked());
            e.put("total", r.total());
            e.put("rms_analytic", r.rmsAnalytic());
            e.put("rms_difference", r.rmsDifference());
            e.put("max_relative_error", r.maxRelativeError());
            e.put("passed", r.passed());
            ps.add(e);
        }
        m.put("parameters", ps);
        return m;
    }

    @Override
    public String toString() {
        return table();
    }
}
