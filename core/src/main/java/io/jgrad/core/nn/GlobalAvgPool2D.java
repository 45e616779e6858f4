package io.jgrad.core.nn;

import io.jgrad.core.backend.ConvGeometry;
import io.jgrad.core.tensor.ReusableTensor;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/** The mean of each channel: x [N, C, H, W] -> y [N, C], as Keras's GlobalAveragePooling2D. */
public final class GlobalAvgPool2D implements Layer {
    private final String name;
    private final ReusableTensor output = new ReusableTensor();
    private final ReusableTensor inputGrad = new ReusableTensor();
    private Shape lastInput;
    private ConvGeometry geometry;
    private Tensor x;

    public GlobalAvgPool2D(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("layer " + name + " expects input [batch, channels, height, width], got "
                    + input);
        }
        return Shape.of(input.dim(0), input.dim(1));
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Shape xs = x.shape();
        if (!xs.equals(lastInput)) {
            outputShape(xs);
            geometry = new ConvGeometry(xs.dim(0), xs.dim(1), xs.dim(2), xs.dim(3), xs.dim(2), xs.dim(3), 1, 1, 0, 0,
                    1, 1);
            lastInput = xs;
        }
        // [N, C] holds exactly the [N, C, 1, 1] the pooling op writes
        Tensor y = output.matrix(x.backend(), xs.dim(0), xs.dim(1), x.dtype());
        x.backend().avgPool2d(x, geometry, y);
        this.x = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (x == null) {
            throw new IllegalStateException("layer " + name + ": backward before forward");
        }
        Shapes.requireSame(name, "output gradient", Shape.of(lastInput.dim(0), lastInput.dim(1)), dout.shape());
        Tensor dx = inputGrad.get(x.backend(), lastInput, x.dtype());
        x.backend().avgPool2dBackward(dout, geometry, dx);
        return dx;
    }

    @Override
    public void close() {
        output.close();
        inputGrad.close();
    }

    @Override
    public String toString() {
        return name + ": GlobalAvgPool2D";
    }

    @Override
    public GlobalAvgPool2D copy() {
        return new GlobalAvgPool2D(name);
    }
}
