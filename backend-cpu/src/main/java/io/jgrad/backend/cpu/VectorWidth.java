package io.jgrad.backend.cpu;

import jdk.incubator.vector.VectorShape;
import org.slf4j.LoggerFactory;

/**
 * The vector shape of every Vector API kernel: the CPU's preferred one (256 bits with AVX2, 512 with
 * AVX-512, 128 with NEON), or the width {@code -Djgrad.cpu.vectorBits} asks for. The tests run the
 * kernels at all three widths on any host, so that code written on one kind of machine is checked for
 * the others; a width above the CPU's runs the Vector API's Java fallback, correct but slow.
 * Loaded only by the kernels, where the incubator module is present.
 */
final class VectorWidth {
    static final VectorShape SHAPE = shape(KernelChoice.requestedVectorBits());

    private VectorWidth() {
    }

    private static VectorShape shape(int bits) {
        VectorShape preferred = VectorShape.preferredShape();
        if (bits == 0 || bits == preferred.vectorBitSize()) {
            return preferred;
        }
        if (bits > preferred.vectorBitSize()) {
            LoggerFactory.getLogger(VectorWidth.class).warn("jgrad cpu: -D{}={} is wider than this CPU's {}-bit"
                    + " vectors: the kernels run the Vector API's slow Java fallback", KernelChoice.BITS_PROPERTY,
                    bits, preferred.vectorBitSize());
        }
        return VectorShape.forBitSize(bits);
    }
}
