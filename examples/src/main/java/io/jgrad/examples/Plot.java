package io.jgrad.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import io.jgrad.core.train.EpochRecord;
import io.jgrad.core.train.History;
import io.jgrad.core.util.AtomicFiles;

/** Draws a PNG with the loss per step (smoothed) and the accuracy per epoch, headless. */
public final class Plot {
    private static final int W = 1000;
    private static final int H = 420;

    private Plot() {
    }

    public static void write(History h, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 24);
        double[] loss = smooth(h.stepLosses(), Math.max(1, h.stepLosses().length / 200));
        panel(g, 50, 50, 420, 320, "loss per step", new double[][] {loss}, new Color[] {new Color(0x1f77b4)},
                new String[] {"train loss"});
        List<EpochRecord> ep = h.epochs();
        double[] tr = ep.stream().mapToDouble(EpochRecord::trainAccuracy).toArray();
        double[] te = ep.stream().mapToDouble(EpochRecord::testAccuracy).toArray();
        panel(g, 550, 50, 420, 320, "accuracy per epoch", new double[][] {tr, te},
                new Color[] {new Color(0x1f77b4), new Color(0xff7f0e)}, new String[] {"train", "test"});
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }

    private static double[] smooth(double[] v, int window) {
        double[] out = new double[Math.max(1, v.length / window)];
        for (int i = 0; i < out.length && v.length > 0; i++) {
            double s = 0;
            int n = 0;
            for (int j = i * window; j < Math.min(v.length, (i + 1) * window); j++) {
                s += v[j];
                n++;
            }
            out[i] = n == 0 ? Double.NaN : s / n;
        }
        return out;
    }

    private static void panel(Graphics2D g, int x0, int y0, int w, int h, String title, double[][] series,
                              Color[] colors, String[] names) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int len = 0;
        for (double[] s : series) {
            for (double v : s) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            len = Math.max(len, s.length);
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(title, x0, y0 - 6);
        g.drawRect(x0, y0, w, h);
        g.drawString(String.format(Locale.ROOT, "%.3g", hi), x0 - 45, y0 + 10);
        g.drawString(String.format(Locale.ROOT, "%.3g", lo), x0 - 45, y0 + h);
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.length; s++) {
            g.setColor(colors[s]);
            g.drawString(names[s], x0 + 10 + 80 * s, y0 + h + 20);
            double[] v = series[s];
            for (int i = 1; i < v.length; i++) {
                if (Double.isFinite(v[i - 1]) && Double.isFinite(v[i])) {
                    int xa = x0 + (int) ((i - 1) * (double) w / Math.max(1, len - 1));
                    int xb = x0 + (int) (i * (double) w / Math.max(1, len - 1));
                    g.drawLine(xa, y(v[i - 1], lo, hi, y0, h), xb, y(v[i], lo, hi, y0, h));
                }
            }
            if (v.length == 1 && Double.isFinite(v[0])) {
                g.fillOval(x0 + w / 2 - 3, y(v[0], lo, hi, y0, h) - 3, 6, 6);
            }
        }
    }

    private static int y(double v, double lo, double hi, int y0, int h) {
        return y0 + h - (int) ((v - lo) / (hi - lo) * h);
    }
}
