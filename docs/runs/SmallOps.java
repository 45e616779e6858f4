import io.jgrad.core.backend.*;
import io.jgrad.core.tensor.*;
import io.jgrad.core.loss.*;
import java.util.*;

/**
 * The small backend ops of the MLP step (bias add, ReLU, column sums, softmax cross-entropy), each
 * called 2,000 times back to back per block, median of 30 blocks. Commands as MlpParts.java's
 * (class SmallOps, no argument).
 */
public class SmallOps {
    interface Op { void run(); }
    public static void main(String[] args) {
        Backend be = Backends.get();
        Tensor h = be.randomUniform(Shape.of(100, 100), DType.FLOAT32, -1, 1, 1);
        Tensor h2 = be.zeros(Shape.of(100, 100), DType.FLOAT32);
        Tensor b1 = be.randomUniform(Shape.of(100), DType.FLOAT32, -1, 1, 2);
        Tensor db = be.zeros(Shape.of(100), DType.FLOAT32);
        Tensor logits = be.randomUniform(Shape.of(100, 10), DType.FLOAT32, -1, 1, 3);
        float[] l = new float[100]; for (int i = 0; i < 100; i++) l[i] = i % 10;
        Tensor y = be.tensor(l, Shape.of(100));
        SoftmaxCrossEntropy loss = SoftmaxCrossEntropy.sparse();
        String[] names = {"add bias 100x100 in place", "relu 100x100", "relu backward", "colsum 100x100", "softmax CE forward 100x10", "softmax CE backward"};
        Op[] ops = {
            () -> be.add(h2, b1, h2),
            () -> be.unary(UnaryOp.RELU, h, h2),
            () -> be.unaryBackward(UnaryOp.RELU, h, h2, h, h2),
            () -> be.reduce(ReduceOp.SUM, Reduction.PER_COLUMN, h, db),
            () -> loss.forward(logits, y),
            () -> loss.backward(),
        };
        for (int i = 0; i < ops.length; i++) {
            double[] t = new double[30];
            for (int r = -30; r < 30; r++) {
                long t0 = System.nanoTime();
                for (int j = 0; j < 2000; j++) ops[i].run();
                if (r >= 0) t[r] = (System.nanoTime() - t0) / 2000.0;
            }
            Arrays.sort(t);
            System.out.printf("%-28s %8.0f ns%n", names[i], t[15]);
        }
    }
}
