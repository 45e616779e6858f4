package io.jgrad.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatLanes} on the Vector API: a compare and a blend per vector. Loaded by name only when
 * the {@code jdk.incubator.vector} module is present (see {@link KernelChoice}).
 */
final class VectorFloatLanes implements FloatLanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    public void reluBackward(float[] x, float[] dout, float[] dx, int from, int to) {
        FloatVector zero = FloatVector.zero(S);
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector d = FloatVector.fromArray(S, dout, i);
            zero.blend(d, v.compare(VectorOperators.GT, 0f)).intoArray(dx, i);
        }
        FloatOps.unaryBackward(io.jgrad.core.backend.UnaryOp.RELU, x, null, dout, dx, i, to); // the tail
    }
}
