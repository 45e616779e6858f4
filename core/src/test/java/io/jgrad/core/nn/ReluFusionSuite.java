package io.jgrad.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.jgrad.core.backend.ScopedBackendTest;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@link Sequential} lets a Conv2D or a Dense layer apply the ReLU after it in the same pass: the
 * output and every gradient are exactly those of the two layers run one after the other. A backend
 * module extends this suite.
 */
public abstract class ReluFusionSuite extends ScopedBackendTest {

    private Sequential model(DType dtype) {
        return Sequential.builder(backend, dtype).seed(9).pytorchInit().input(2, 7, 9)
                .conv2d(5, 3, Padding.same()).relu().maxPool(2)
                .conv2d(4, 3, Padding.same()).relu().flatten().dense(3).build();
    }

    /** The output of {@code forward} on x, then, after a backward of dout, every parameter gradient. */
    private static List<double[]> step(Sequential m, Function<Tensor, Tensor> forward,
                                       Function<Tensor, Tensor> backward, Tensor x, Tensor dout) {
        List<double[]> r = new ArrayList<>();
        r.add(forward.apply(x).toDoubleArray());
        backward.apply(dout);
        for (Parameter p : m.parameters()) {
            r.add(p.grad().toDoubleArray());
        }
        return r;
    }

    /** Dense layers with ReLU after them, the first 3 x 100 (the MLP recipe's ragged vector tail). */
    private Sequential denseModel(DType dtype) {
        return Sequential.builder(backend, dtype).seed(9).pytorchInit().input(13)
                .dense(100).relu().dense(20).relu().dense(3).build();
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aConvolutionWithItsReluComputesWhatTheTwoLayersCompute(DType dtype) {
        try (Sequential m = model(dtype)) {
            assertFusedEqualsSeparate(m, track(backend.randomNormal(Shape.of(3, 2, 7, 9), dtype, 0, 1, 4)),
                    track(backend.randomNormal(Shape.of(3, 3), dtype, 0, 1, 5)));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aDenseLayerWithItsReluComputesWhatTheTwoLayersCompute(DType dtype) {
        try (Sequential m = denseModel(dtype)) {
            assertFusedEqualsSeparate(m, track(backend.randomNormal(Shape.of(7, 13), dtype, 0, 1, 4)),
                    track(backend.randomNormal(Shape.of(7, 3), dtype, 0, 1, 5)));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aModelEndingInDenseAndReluLeavesTheCallersGradientAsItIs(DType dtype) {
        try (Sequential m = Sequential.builder(backend, dtype).seed(9).pytorchInit().input(13).dense(17).relu()
                .build()) {
            Tensor x = track(backend.randomNormal(Shape.of(5, 13), dtype, 0, 1, 4));
            Tensor dout = track(backend.randomNormal(Shape.of(5, 17), dtype, 0, 1, 5));
            double[] before = dout.toDoubleArray();
            m.forward(x, true);
            m.backward(dout);
            assertArrayEquals(before, dout.toDoubleArray(), 0.0);
        }
    }

    /** Layers run one by one (as numerical gradients run them), then the container's backward: the ReLU's gradient is not lost. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void theContainersBackwardAfterAnUnfusedForwardRunsTheRelu(DType dtype) {
        try (Sequential dense = denseModel(dtype); Sequential conv = model(dtype)) {
            assertLayerByLayerForwardBacksPropagatesAsFused(dense,
                    track(backend.randomNormal(Shape.of(7, 13), dtype, 0, 1, 4)),
                    track(backend.randomNormal(Shape.of(7, 3), dtype, 0, 1, 5)));
            assertLayerByLayerForwardBacksPropagatesAsFused(conv,
                    track(backend.randomNormal(Shape.of(3, 2, 7, 9), dtype, 0, 1, 4)),
                    track(backend.randomNormal(Shape.of(3, 3), dtype, 0, 1, 5)));
        }
    }

    private void assertLayerByLayerForwardBacksPropagatesAsFused(Sequential m, Tensor x, Tensor dout) {
        List<double[]> fused = step(m, in -> m.forward(in, true), m::backward, x, dout);
        List<double[]> mixed = step(m, in -> {
            Tensor h = in;
            for (Layer l : m.layers()) {
                h = l.forward(h, true);
            }
            return h;
        }, m::backward, x, dout);
        for (int i = 0; i < fused.size(); i++) {
            assertArrayEquals(fused.get(i), mixed.get(i), 0.0, "result " + i);
        }
    }

    /** A Dense subclass keeps its overrides (forward, the bias gradient) with a ReLU after it. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void aDenseSubclassIsNotFused(DType dtype) {
        int[] calls = {0};
        int[] forwards = {0};
        Dense counting = new Dense("counting", backend, dtype, 13, 17, Initializer.xavier(), 3) {
            @Override
            public Tensor forward(Tensor x, boolean training) {
                forwards[0]++;
                return super.forward(x, training);
            }

            @Override
            protected void biasGradient(Tensor dout, Tensor db) {
                calls[0]++;
                super.biasGradient(dout, db);
            }
        };
        try (Sequential m = Sequential.builder(backend, dtype).input(13).add(counting).relu().dense(3).build()) {
            m.forward(track(backend.randomNormal(Shape.of(5, 13), dtype, 0, 1, 4)), true);
            m.backward(track(backend.randomNormal(Shape.of(5, 3), dtype, 0, 1, 5)));
            assertEquals(1, calls[0]);
            assertEquals(1, forwards[0]);
        }
    }

    private void assertFusedEqualsSeparate(Sequential m, Tensor x, Tensor dout) {
        List<double[]> fused = step(m, in -> m.forward(in, true), m::backward, x, dout);
        List<double[]> separate = step(m, in -> { // the same layers, one call each
            Tensor h = in;
            for (Layer l : m.layers()) {
                h = l.forward(h, true);
            }
            return h;
        }, g -> {
            Tensor d = g;
            for (int i = m.layers().size() - 1; i >= 0; i--) {
                d = m.layers().get(i).backward(d);
            }
            return d;
        }, x, dout);
        assertEquals(1 + m.parameters().size(), fused.size());
        for (int i = 0; i < fused.size(); i++) {
            assertArrayEquals(separate.get(i), fused.get(i), 0.0,
                    i == 0 ? "output" : "gradient of " + m.parameters().get(i - 1).name());
        }
    }
}
