package io.jgrad.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void linesModeWritesNoCarriageReturnsAndOneLinePerEpoch() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = ProgressBar.lines(new PrintStream(buf, true, StandardCharsets.UTF_8), 20, 10);
        for (int s = 1; s <= 20; s++) {
            bar.onStep(s, 1.0 / s);
            if (s % 10 == 0) {
                bar.onEpoch(new EpochRecord(s / 10, s, 0.5, 0.8, 0.6, 0.75, 1.0));
            }
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(!out.contains("\r"), out);
        assertEquals(2, out.lines().count(), out);
        assertTrue(out.contains("epoch 2 (step 20/20): train loss 0.5000 acc 0.8000 test loss 0.6000 acc 0.7500"), out);
    }

    @Test
    void metricsThatWereNotMeasuredAreLeftOutNotPrintedAsNaN() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), 10, 10);
        bar.onEpoch(new EpochRecord(1, 10, 0.5, 0.8, Double.NaN, Double.NaN, 1.0));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(!out.contains("NaN") && out.contains("train loss 0.5000") && !out.contains("test"), out);
    }
}
