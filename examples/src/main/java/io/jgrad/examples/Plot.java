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

    /** The image format for {@code file}'s extension: png, or jpeg for .jpg/.jpeg; others are refused. */
    public static String formatFor(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "jpeg";
        }
        throw new IllegalArgumentException("--plot " + file + ": give a .png, .jpg or .jpeg file name (the format"
                + " follows the extension)");
    }

    public static void write(History h, String title, Path file) throws IOException {
        String format = formatFor(file);
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
        panel(g, 60, 50, 410, 320, "loss per step", "step", Math.max(1, h.stepLosses().length), new double[][] {loss},
                new Color[] {new Color(0x1f77b4)}, new String[] {"train loss"});
        List<EpochRecord> ep = h.epochs();
        double[] tr = ep.stream().mapToDouble(EpochRecord::trainAccuracy).toArray();
        double[] te = ep.stream().mapToDouble(EpochRecord::testAccuracy).toArray();
        panel(g, 560, 50, 410, 320, "accuracy per epoch", "epoch", Math.max(1, ep.size()), new double[][] {tr, te},
                new Color[] {new Color(0x1f77b4), new Color(0xff7f0e)}, new String[] {"train", "test"});
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(img, format, out));
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

    /**
     * Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten, about
     * {@code target} of them, as plotting libraries choose them.
     */
    static double[] ticks(double lo, double hi, int target, boolean integers) {
        double raw = (hi - lo) / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) {
                break;
            }
        }
        if (integers) {
            step = Math.max(1, Math.rint(step));
        }
        double first = Math.ceil(lo / step - 1e-9) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] out = new double[Math.max(0, n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * step;
        }
        return out;
    }

    /** A tick label with as many decimals as the tick step needs (0.5 steps: "1.5", 0.05 steps: "0.85"). */
    static String label(double v, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static void panel(Graphics2D g, int x0, int y0, int w, int h, String title, String xName, int xMax,
                              double[][] series, Color[] colors, String[] names) {
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
        java.awt.FontMetrics fm = g.getFontMetrics();
        double[] yTicks = ticks(lo, hi, 5, false);
        for (double t : yTicks) {
            int yy = y(t, lo, hi, y0, h);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x0 + 1, yy, x0 + w - 1, yy);
            g.setColor(Color.BLACK);
            g.drawLine(x0 - 4, yy, x0, yy);
            String s = label(t, yTicks);
            g.drawString(s, x0 - 6 - fm.stringWidth(s), yy + fm.getAscent() / 2 - 1);
        }
        // x: steps or epochs, 1..xMax, the series spread over the width
        int xMin = xName.equals("epoch") ? 1 : 0;
        double[] xTicks = ticks(xMin, xMax, 5, true);
        for (double t : xTicks) {
            int xx = x0 + (int) ((t - xMin) / Math.max(1, xMax - xMin) * w);
            g.drawLine(xx, y0 + h, xx, y0 + h + 4);
            String s = label(t, xTicks);
            g.drawString(s, xx - fm.stringWidth(s) / 2, y0 + h + 6 + fm.getAscent());
        }
        g.drawString(xName, x0 + w - fm.stringWidth(xName), y0 + h + 36);
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.length; s++) {
            g.setColor(colors[s]);
            g.drawString(names[s], x0 + 10 + 80 * s, y0 + h + 36);
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
