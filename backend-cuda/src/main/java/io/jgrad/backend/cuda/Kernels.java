package io.jgrad.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.jgrad.core.tensor.DType;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * jgrad's own kernels: the committed PTX, checked against the declared signatures
 * ({@link KernelTable#verify}) and loaded with cuModuleLoadData, and one reusable typed
 * {@link KernelLaunch} per kernel function.
 */
final class Kernels {
    static final String PTX_RESOURCE = "/io/jgrad/backend/cuda/jgrad_kernels.ptx";

    private final Map<Kernel, KernelLaunch[]> launches = new EnumMap<>(Kernel.class);

    /** Loads the module into the current context; fails naming the driver error (old driver, bad PTX). */
    Kernels() {
        String ptx = ptxText();
        KernelTable.verify(ptx);
        CUmodule module = new CUmodule();
        byte[] bytes = (ptx + "\0").getBytes(StandardCharsets.US_ASCII);
        Check.cu(JCudaDriver.cuModuleLoadData(module, bytes), "cuModuleLoadData(jgrad_kernels.ptx)");
        for (Kernel k : Kernel.values()) {
            List<String> names = k.functions();
            KernelLaunch[] byDType = new KernelLaunch[names.size()];
            for (int i = 0; i < names.size(); i++) {
                CUfunction f = new CUfunction();
                Check.cu(JCudaDriver.cuModuleGetFunction(f, module, names.get(i)),
                        "cuModuleGetFunction(" + names.get(i) + ")");
                byDType[i] = new KernelLaunch(k, names.get(i), f);
            }
            launches.put(k, byDType);
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

    /** The launch of {@code kernel}'s function for {@code dtype}; set its arguments, then run it. */
    KernelLaunch launch(Kernel kernel, DType dtype) {
        KernelLaunch[] l = launches.get(kernel);
        return l.length == 1 || dtype == DType.FLOAT32 ? l[0] : l[1];
    }

    /** Blocks for a grid-stride loop over n elements at 256 threads. */
    static int blocks(long n) {
        return (int) Math.max(1, Math.min((n + 255) / 256, 8192));
    }
}
