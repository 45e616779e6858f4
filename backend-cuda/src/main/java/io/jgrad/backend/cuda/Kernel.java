package io.jgrad.backend.cuda;

import java.util.List;

import io.jgrad.core.tensor.DType;

/**
 * Every kernel in {@code jgrad_kernels.cu}, with its one declared signature: the parameter names
 * and types in order, as the {@code .cu} declares them. {@link KernelTable} checks each against the
 * {@code .entry} parameters of the PTX when the module loads, and {@link KernelLaunch} checks each
 * argument against it as it is set, so a swapped or mistyped argument is a Java error naming the
 * kernel and the argument, never a launch with garbage.
 */
enum Kernel {
    FILL("fill", Param.ptr("out"), Param.i64("n"), Param.f64("v")),
    BINARY("binary", Param.i32("op"), Param.ptr("a"), Param.ptr("b"), Param.ptr("out"), Param.i64("n"),
            Param.i32("cols"), Param.i32("bcast")),
    UNARY("unary", Param.i32("op"), Param.ptr("a"), Param.ptr("out"), Param.i64("n")),
    UNARY_BACKWARD("unary_backward", Param.i32("op"), Param.ptr("x"), Param.ptr("y"), Param.ptr("dout"),
            Param.ptr("dx"), Param.i64("n")),
    SCALE_SHIFT("scale_shift", Param.ptr("a"), Param.f64("scale"), Param.f64("shift"), Param.ptr("out"),
            Param.i64("n")),
    LEAKY_RELU("leaky_relu", Param.ptr("x"), Param.f64("slope"), Param.ptr("out"), Param.i64("n")),
    LEAKY_RELU_BACKWARD("leaky_relu_backward", Param.ptr("x"), Param.f64("slope"), Param.ptr("dout"),
            Param.ptr("dx"), Param.i64("n")),
    REDUCE_COLS("reduce_cols", Param.i32("op"), Param.ptr("a"), Param.ptr("out"), Param.i32("rows"),
            Param.i32("cols")),
    REDUCE_ROWS("reduce_rows", Param.i32("op"), Param.ptr("a"), Param.ptr("out"), Param.i32("rows"),
            Param.i64("cols")),
    DOT("dot", Param.ptr("a"), Param.ptr("b"), Param.ptr("partial"), Param.i64("n")),
    ARGMAX_ROWS("argmax_rows", Param.ptr("a"), Param.ptr("out"), Param.i32("rows"), Param.i32("cols")),
    SOFTMAX_ROWS("softmax_rows", Param.ptr("a"), Param.ptr("out"), Param.i32("rows"), Param.i32("cols")),
    SOFTMAX_BACKWARD("softmax_backward", Param.ptr("y"), Param.ptr("dout"), Param.ptr("dx"), Param.i32("rows"),
            Param.i32("cols")),
    SOFTMAX_XENT("softmax_xent", Param.ptr("x"), Param.ptr("t"), Param.ptr("p"), Param.ptr("total"),
            Param.i32("rows"), Param.i32("cols")),
    SPARSE_SOFTMAX_XENT("sparse_softmax_xent", Param.ptr("x"), Param.ptr("labels"), Param.ptr("p"),
            Param.ptr("total"), Param.ptr("bad"), Param.i32("rows"), Param.i32("cols")),
    XENT_BACKWARD("xent_backward", Param.ptr("p"), Param.ptr("t"), Param.f64("scale"), Param.ptr("dx"),
            Param.i64("n")),
    SPARSE_XENT_BACKWARD("sparse_xent_backward", Param.ptr("p"), Param.ptr("labels"), Param.f64("scale"),
            Param.ptr("dx"), Param.i32("rows"), Param.i32("cols"), Param.ptr("bad")),
    GATHER_ROWS("gather_rows", Param.ptr("src"), Param.ptr("idx"), Param.ptr("out"), Param.i32("rows"),
            Param.i32("cols")),
    AXPY("axpy", Param.f64("alpha"), Param.ptr("x"), Param.ptr("y"), Param.i64("n")),
    MOMENTUM("momentum", Param.ptr("p"), Param.ptr("g"), Param.ptr("v"), Param.f64("lr"), Param.f64("mu"),
            Param.f64("wd"), Param.i64("n")),
    ADAM("adam", Param.ptr("p"), Param.ptr("g"), Param.ptr("m"), Param.ptr("v"), Param.f64("lr_t"),
            Param.f64("b1"), Param.f64("b2"), Param.f64("eps"), Param.f64("wd"), Param.i64("n")),
    RANDOM_UNIFORM("random_uniform", Param.ptr("out"), Param.i64("n"), Param.f64("lo"), Param.f64("hi"),
            Param.i64("seed")),
    RANDOM_NORMAL("random_normal", Param.ptr("out"), Param.i64("n"), Param.f64("mean"), Param.f64("std"),
            Param.i64("seed")),
    DROPOUT_MASK("dropout_mask", Param.ptr("mask"), Param.i64("n"), Param.f64("p"), Param.i64("seed")),
    IM2COL("im2col", Param.geometry(Param.ptr("x"), Param.ptr("cols"))),
    COL2IM("col2im", Param.geometry(Param.ptr("cols"), Param.ptr("dx"))),
    SWAP_OUTER_AXES("swap_outer_axes", Param.ptr("a"), Param.ptr("bias"), Param.ptr("out"), Param.i32("outer"),
            Param.i32("inner"), Param.i32("block"), Param.i32("has_bias")),
    MAX_POOL("max_pool", Param.geometry(Param.ptr("x"), Param.ptr("out"), Param.ptr("argmax"))),
    MAX_POOL_BACKWARD("max_pool_backward", Param.geometry(Param.ptr("dout"), Param.ptr("argmax"), Param.ptr("dx"))),
    AVG_POOL("avg_pool", Param.geometry(Param.ptr("x"), Param.ptr("out"))),
    AVG_POOL_BACKWARD("avg_pool_backward", Param.geometry(Param.ptr("dout"), Param.ptr("dx"))),
    BATCH_NORM("batch_norm", Param.ptr("x"), Param.ptr("gamma"), Param.ptr("beta"), Param.ptr("mean"),
            Param.ptr("var"), Param.ptr("y"), Param.i32("n"), Param.i32("c"), Param.i32("s"), Param.f64("eps")),
    BATCH_NORM_INFERENCE("batch_norm_inference", Param.ptr("x"), Param.ptr("gamma"), Param.ptr("beta"),
            Param.ptr("mean"), Param.ptr("var"), Param.ptr("y"), Param.i32("n"), Param.i32("c"), Param.i32("s"),
            Param.f64("eps")),
    BATCH_NORM_BACKWARD("batch_norm_backward", Param.ptr("x"), Param.ptr("gamma"), Param.ptr("mean"),
            Param.ptr("var"), Param.ptr("dy"), Param.ptr("dx"), Param.ptr("dgamma"), Param.ptr("dbeta"),
            Param.i32("n"), Param.i32("c"), Param.i32("s"), Param.f64("eps")),
    /** Not per dtype: one function each way. */
    CONVERT_F32_TO_F64("convert_f32_to_f64", false, Param.ptr("in"), Param.ptr("out"), Param.i64("n")),
    CONVERT_F64_TO_F32("convert_f64_to_f32", false, Param.ptr("in"), Param.ptr("out"), Param.i64("n"));

    /** A parameter's type as the kernel sees it, with the PTX type it compiles to. */
    enum Type {
        /** A device pointer. */
        PTR(".u64"),
        /** {@code int}. */
        I32(".u32"),
        /** {@code long} or {@code uint64_t}. */
        I64(".u64"),
        /** {@code double}. */
        F64(".f64");

        final String ptx;

        Type(String ptx) {
            this.ptx = ptx;
        }
    }

    record Param(String name, Type type) {
        static Param ptr(String name) {
            return new Param(name, Type.PTR);
        }

        static Param i32(String name) {
            return new Param(name, Type.I32);
        }

        static Param i64(String name) {
            return new Param(name, Type.I64);
        }

        static Param f64(String name) {
            return new Param(name, Type.F64);
        }

        /** {@code head}, then the 14 ints of a ConvGeometry (GEOM in the .cu), in its order. */
        static Param[] geometry(Param... head) {
            String[] names = {"n", "c", "h", "w", "kh", "kw", "sh", "sw", "ph", "pw", "dh", "dw", "oh", "ow"};
            Param[] all = java.util.Arrays.copyOf(head, head.length + names.length);
            for (int i = 0; i < names.length; i++) {
                all[head.length + i] = i32(names[i]);
            }
            return all;
        }
    }

    final String base;
    final boolean perDType;
    final List<Param> params;

    Kernel(String base, Param... params) {
        this(base, true, params);
    }

    Kernel(String base, boolean perDType, Param... params) {
        this.base = base;
        this.perDType = perDType;
        this.params = List.of(params);
    }

    /** The PTX function name for {@code dtype} ({@code fill_f32}); dtype is ignored for the converters. */
    String function(DType dtype) {
        return perDType ? base + (dtype == DType.FLOAT32 ? "_f32" : "_f64") : base;
    }

    /** Every function name this kernel has in the PTX. */
    List<String> functions() {
        return perDType ? List.of(base + "_f32", base + "_f64") : List.of(base);
    }
}
