package io.jgrad.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.jgrad.core.tensor.DType;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/** jgrad's own kernels: the committed PTX, loaded with cuModuleLoadData, and a launcher. */
final class Kernels {
    static final String PTX_RESOURCE = "/io/jgrad/backend/cuda/jgrad_kernels.ptx";
    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(");

    private final Map<String, CUfunction> functions = new HashMap<>();

    /** Loads the module into the current context; fails naming the driver error (old driver, bad PTX). */
    Kernels() {
        String ptx = ptxText();
        CUmodule module = new CUmodule();
        byte[] bytes = (ptx + "\0").getBytes(StandardCharsets.US_ASCII);
        Check.cu(JCudaDriver.cuModuleLoadData(module, bytes), "cuModuleLoadData(jgrad_kernels.ptx)");
        Matcher m = ENTRY.matcher(ptx);
        while (m.find()) {
            CUfunction f = new CUfunction();
            Check.cu(JCudaDriver.cuModuleGetFunction(f, module, m.group(1)), "cuModuleGetFunction(" + m.group(1) + ")");
            functions.put(m.group(1), f);
        }
    }

    static String ptxText() {
        try (InputStream in = Kernels.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + PTX_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PTX_RESOURCE, e);
        }
    }

    CUfunction get(String name) {
        CUfunction f = functions.get(name);
        if (f == null) {
            throw new IllegalStateException("no kernel " + name + " in " + PTX_RESOURCE);
        }
        return f;
    }

    CUfunction get(String base, DType dtype) {
        return get(base + (dtype == DType.FLOAT32 ? "_f32" : "_f64"));
    }

    /** Blocks for a grid-stride loop over n elements at 256 threads. */
    static int blocks(long n) {
        return (int) Math.max(1, Math.min((n + 255) / 256, 8192));
    }

    /** Launches with arguments given as Integer, Long, Double or device Pointer, in kernel order. */
    void launch(CUfunction f, String name, int blocks, int threads, Object... args) {
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Integer) {
                params[i] = Pointer.to(new int[] {(Integer) a});
            } else if (a instanceof Long) {
                params[i] = Pointer.to(new long[] {(Long) a});
            } else if (a instanceof Double) {
                params[i] = Pointer.to(new double[] {(Double) a});
            } else if (a instanceof Pointer) {
                params[i] = Pointer.to((Pointer) a);
            } else {
                throw new IllegalArgumentException("kernel argument " + i + " of " + name + ": " + a);
            }
        }
        Check.cu(JCudaDriver.cuLaunchKernel(f, blocks, 1, 1, threads, 1, 1, 0, null, Pointer.to(params), null),
                "cuLaunchKernel(" + name + ")");
    }
}
