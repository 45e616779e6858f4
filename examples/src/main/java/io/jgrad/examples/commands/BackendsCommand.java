package io.jgrad.examples.commands;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;
import io.jgrad.examples.cli.Command;
import io.jgrad.examples.cli.Options;
import io.jgrad.core.util.AtomicFiles;
import io.jgrad.core.util.Json;

/** Lists every backend on the class path, available or not and why; then creates the requested one. */
public final class BackendsCommand implements Command {
    @Override
    public String name() {
        return "backends";
    }

    @Override
    public String summary() {
        return "list the backends found, whether each can run here, and why";
    }

    @Override
    public Options options() {
        return new Options().common();
    }

    @Override
    public int run(Options.Parsed args, PrintStream out) throws Exception {
        List<Object> rows = new ArrayList<>();
        for (Backends.Status s : Backends.discover()) {
            out.printf("%-6s priority %3d  %-11s %s%n", s.name(), s.provider().priority(),
                    s.availability().available() ? "available" : "unavailable", s.availability().detail());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", s.name());
            row.put("priority", s.provider().priority());
            row.put("available", s.availability().available());
            row.put("detail", s.availability().detail());
            rows.add(row);
        }
        String wanted = args.has("backend") ? args.get("backend") : Backends.requestedName();
        Backend b = Backends.create(wanted); // throws, naming the reason, if a named backend cannot run
        out.println("selected (" + wanted + "): " + b);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("backends", rows);
        report.put("requested", wanted);
        report.put("backend", b.name());
        report.put("backend_description", b.description());
        if (args.has("report")) {
            AtomicFiles.writeString(args.path("report"), Json.write(report));
        }
        return 0;
    }
}
