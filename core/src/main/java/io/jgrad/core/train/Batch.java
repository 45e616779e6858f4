package io.jgrad.core.train;

import io.jgrad.core.nn.Sequential;
import io.jgrad.core.tensor.DType;
import io.jgrad.core.tensor.Shape;
import io.jgrad.core.tensor.Tensor;

/**
 * Reusable minibatch buffers: gathers the chosen rows of a dataset on its backend and exposes the
 * features in the example shape ([batch, 32, 32, 3]) the model expects. Targets are the dataset's
 * own ([batch, 1] class indices or [batch, outputs] values), or, for a classification set under a
 * loss that wants dense targets (mean squared error, one-hot cross-entropy), one-hot rows
 * [batch, classes] built from the host labels into a reused buffer.
 */
public final class Batch implements AutoCloseable {
    private final Dataset data;
    private final boolean oneHot;
    private Tensor x;
    private Tensor xView;
    private Tensor y;
    private float[] hostF;
    private double[] hostD;

    /** Buffers for batches of {@code data}; {@code oneHotTargets} as {@code !loss.takesClassIndices()}. */
    public Batch(Dataset data, boolean oneHotTargets) {
        this.data = data;
        this.oneHot = oneHotTargets && data.isClassification();
    }

    /** Gathers the examples at {@code indices} (the buffers are reused while the batch size stays). */
    public void load(int[] indices) {
        int b = indices.length;
        if (x == null || x.rows() != b) {
            close();
            int targetCols = oneHot ? data.classes() : data.targets().cols();
            x = data.features().backend().zeros(Shape.of(b, data.features().cols()), data.features().dtype());
            y = data.targets().backend().zeros(Shape.of(b, targetCols), data.targets().dtype());
            Shape exampleShape = data.exampleShape();
            xView = exampleShape.rank() == 1 ? x : x.reshape(Sequential.batched(exampleShape, b).dims());
            if (oneHot && y.dtype() == DType.FLOAT32) {
                hostF = new float[b * targetCols];
            } else if (oneHot) {
                hostD = new double[b * targetCols];
            }
        }
        data.features().backend().gatherRows(data.features(), indices, x);
        if (oneHot) {
            loadOneHot(indices);
        } else {
            data.targets().backend().gatherRows(data.targets(), indices, y);
        }
    }

    private void loadOneHot(int[] indices) {
        int classes = data.classes();
        int[] labels = data.labels();
        if (hostF != null) {
            java.util.Arrays.fill(hostF, 0f);
            for (int i = 0; i < indices.length; i++) {
                hostF[i * classes + labels[indices[i]]] = 1f;
            }
            y.backend().write(y, hostF);
        } else {
            java.util.Arrays.fill(hostD, 0.0);
            for (int i = 0; i < indices.length; i++) {
                hostD[i * classes + labels[indices[i]]] = 1.0;
            }
            y.backend().write(y, hostD);
        }
    }

    /** The dataset this batch gathers from. */
    public Dataset dataset() {
        return data;
    }

    /** Whether targets are one-hot rows built from the labels (else the dataset's own targets). */
    public boolean oneHotTargets() {
        return oneHot;
    }

    public Tensor features() {
        return xView;
    }

    public Tensor targets() {
        return y;
    }

    @Override
    public void close() {
        if (x != null) {
            x.close();
            y.close();
            x = null;
            y = null;
            xView = null;
            hostF = null;
            hostD = null;
        }
    }
}
