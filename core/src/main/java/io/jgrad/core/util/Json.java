package io.jgrad.core.util;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders maps, lists, strings, numbers, booleans and null as JSON; enough for reports and
 * histories without a JSON library. Non-finite numbers become null (JSON has no NaN).
 */
public final class Json {
    private Json() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void append(StringBuilder sb, Object v, int indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String) {
            quote(sb, (String) v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(Double.isFinite(d) ? number(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map) {
            Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) v).entrySet().iterator();
            sb.append('{');
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                newline(sb, indent + 1);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                append(sb, e.getValue(), indent + 1);
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            if (!((Map<?, ?>) v).isEmpty()) {
                newline(sb, indent);
            }
            sb.append('}');
        } else if (v instanceof List || v instanceof double[] || v instanceof int[]) {
            List<?> list = v instanceof List ? (List<?>) v
                    : v instanceof double[] ? java.util.Arrays.stream((double[]) v).boxed().toList()
                    : java.util.Arrays.stream((int[]) v).boxed().toList();
            boolean scalars = list.stream().allMatch(x -> x instanceof Number || x == null);
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (scalars) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                } else {
                    newline(sb, indent + 1);
                }
                append(sb, list.get(i), indent + 1);
                if (!scalars && i < list.size() - 1) {
                    sb.append(',');
                }
            }
            if (!scalars && !list.isEmpty()) {
                newline(sb, indent);
            }
            sb.append(']');
        } else {
            quote(sb, v.toString());
        }
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.6g", d).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                .replace(".e", "e").replaceFirst("\\.$", "");
    }

    private static void newline(StringBuilder sb, int indent) {
        sb.append('\n');
        for (int i = 0; i < indent; i++) {
            sb.append("  ");
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
