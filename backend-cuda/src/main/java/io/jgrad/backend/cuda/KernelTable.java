package io.jgrad.backend.cuda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .entry} signatures of a PTX module, and their check against {@link Kernel}: every
 * declared function must be in the PTX with exactly the declared parameter types, and every entry
 * of the PTX must be declared. Runs when the module loads, before any launch.
 */
final class KernelTable {
    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\.param\\s+(\\.\\w+)\\s+(\\w+)");

    private KernelTable() {
    }

    /** Function name to its parameter types (".u64", ".f64", ...), in PTX order. */
    static Map<String, List<String>> entries(String ptx) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(ptx);
        while (m.find()) {
            List<String> types = new ArrayList<>();
            Matcher p = PARAM.matcher(m.group(2));
            while (p.find()) {
                types.add(p.group(1));
            }
            out.put(m.group(1), types);
        }
        return out;
    }

    /** Fails, naming the function and the argument, where the PTX and {@link Kernel} disagree. */
    static void verify(String ptx) {
        Map<String, List<String>> entries = entries(ptx);
        List<String> declared = new ArrayList<>();
        for (Kernel k : Kernel.values()) {
            for (String f : k.functions()) {
                declared.add(f);
                List<String> types = entries.get(f);
                if (types == null) {
                    throw new IllegalStateException("kernel " + f + " is declared in Kernel but missing from "
                            + Kernels.PTX_RESOURCE);
                }
                if (types.size() != k.params.size()) {
                    throw new IllegalStateException("kernel " + f + " takes " + types.size() + " parameters in the PTX, "
                            + k.params.size() + " in its declared signature");
                }
                for (int i = 0; i < types.size(); i++) {
                    Kernel.Param p = k.params.get(i);
                    if (!types.get(i).equals(p.type().ptx)) {
                        throw new IllegalStateException("kernel " + f + " argument " + i + " (" + p.name() + ") is "
                                + types.get(i) + " in the PTX, declared " + p.type() + " (" + p.type().ptx + ")");
                    }
                }
            }
        }
        for (String f : entries.keySet()) {
            if (!declared.contains(f)) {
                throw new IllegalStateException("kernel " + f + " in " + Kernels.PTX_RESOURCE
                        + " has no declared signature in Kernel");
            }
        }
    }
}
