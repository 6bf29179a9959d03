package org.openledger.cli.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import org.openledger.prover.eval.LdsEvaluation.Row;

/**
 * LDS against k, one line per (level, quantization) of the basis scorer, with the exact-influence
 * level as a dashed reference: drawn with java.awt on an off-screen image (headless), saved as PNG.
 */
final class LdsPlot {
  private static final int W = 760;
  private static final int H = 480;
  private static final int LEFT = 70;
  private static final int RIGHT = 190;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;
  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b),
    new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
  };

  private LdsPlot() {}

  static void write(List<Row> rows, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);

    Map<String, List<double[]>> series = new LinkedHashMap<>();
    Map<String, Double> references = new LinkedHashMap<>();
    int kMin = Integer.MAX_VALUE;
    int kMax = 0;
    for (Row r : rows) {
      if (r.k() == 0) {
        if (r.scorer().equals("exact")) {
          references.put("exact, example", r.exampleLds());
          references.put("exact, contributor", r.contributorLds());
        }
        continue;
      }
      kMin = Math.min(kMin, r.k());
      kMax = Math.max(kMax, r.k());
      series.computeIfAbsent("example, " + r.quantization().label(), x -> new ArrayList<>()).add(new double[] {r.k(), r.exampleLds()});
      series.computeIfAbsent("contributor, " + r.quantization().label(), x -> new ArrayList<>()).add(new double[] {r.k(), r.contributorLds()});
    }
    if (kMax == 0) {
      kMin = 0;
      kMax = 1;
    } else if (kMin == kMax) {
      kMin = kMin / 2;
    }
    double yMin = 1;
    for (List<double[]> s : series.values()) {
      for (double[] p : s) {
        yMin = Math.min(yMin, p[1]);
      }
    }
    for (double v : references.values()) {
      yMin = Math.min(yMin, v);
    }
    yMin = Math.max(-1, Math.floor((yMin - 0.05) * 10) / 10);
    double yMax = 1;
    int plotW = W - LEFT - RIGHT;
    int plotH = H - TOP - BOTTOM;
    final int k0 = kMin;
    final int k1 = kMax;
    final double y0 = yMin;
    java.util.function.DoubleUnaryOperator px = k -> LEFT + (k - k0) / (double) (k1 - k0) * plotW;
    java.util.function.DoubleUnaryOperator py = v -> TOP + (yMax - v) / (yMax - y0) * plotH;

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(new Color(0xdddddd));
    for (double v = Math.ceil(yMin * 10) / 10; v <= yMax + 1e-9; v += 0.1) {
      int y = (int) py.applyAsDouble(v);
      g.drawLine(LEFT, y, LEFT + plotW, y);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    for (double v = Math.ceil(yMin * 10) / 10; v <= yMax + 1e-9; v += 0.1) {
      g.drawString(String.format("%.1f", v), LEFT - 35, (int) py.applyAsDouble(v) + 4);
    }
    java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
    for (Row r : rows) {
      if (r.k() > 0) {
        ks.add(r.k());
      }
    }
    for (int k : ks) {
      int x = (int) px.applyAsDouble(k);
      g.drawLine(x, TOP + plotH, x, TOP + plotH + 5);
      g.drawString(Integer.toString(k), x - 12, TOP + plotH + 20);
    }
    g.drawString("basis rank k", LEFT + plotW / 2 - 35, H - 20);
    g.drawString("LDS (Spearman, mean over test outputs)", LEFT, TOP - 15);

    int legendY = TOP + 10;
    int c = 0;
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    for (Map.Entry<String, Double> ref : references.entrySet()) {
      g.setColor(COLORS[c++ % COLORS.length]);
      int y = (int) py.applyAsDouble(ref.getValue());
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.drawLine(LEFT + plotW + 10, legendY, LEFT + plotW + 30, legendY);
      g.drawString(ref.getKey(), LEFT + plotW + 35, legendY + 4);
      legendY += 18;
    }
    g.setStroke(new BasicStroke(2f));
    for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
      g.setColor(COLORS[c++ % COLORS.length]);
      List<double[]> pts = s.getValue();
      pts.sort(java.util.Comparator.comparingDouble(p -> p[0]));
      for (int i = 0; i < pts.size(); i++) {
        int x = (int) px.applyAsDouble(pts.get(i)[0]);
        int y = (int) py.applyAsDouble(pts.get(i)[1]);
        g.fillOval(x - 3, y - 3, 7, 7);
        if (i > 0) {
          g.drawLine((int) px.applyAsDouble(pts.get(i - 1)[0]), (int) py.applyAsDouble(pts.get(i - 1)[1]), x, y);
        }
      }
      g.drawLine(LEFT + plotW + 10, legendY, LEFT + plotW + 30, legendY);
      g.drawString(s.getKey(), LEFT + plotW + 35, legendY + 4);
      legendY += 18;
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }
}
