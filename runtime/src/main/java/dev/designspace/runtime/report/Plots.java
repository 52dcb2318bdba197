package dev.designspace.runtime.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** Charts drawn to inline SVG strings. */
final class Plots {
  static final Color[] COLORS = {
    new Color(31, 119, 180),
    new Color(214, 39, 40),
    new Color(44, 160, 44),
    new Color(148, 103, 189),
    new Color(255, 127, 14),
    new Color(140, 86, 75)
  };
  private static final int WIDTH = 560;
  private static final int HEIGHT = 360;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /** A named line or point series. */
  record Series(String name, double[] x, double[] y) {}

  static String steps(String title, String xLabel, String yLabel, List<Series> series) {
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            xLabel,
            yLabel,
            collection(series),
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    XYStepRenderer renderer = new XYStepRenderer();
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.0);
    return svg(chart);
  }

  static String lines(
      String title, String xLabel, String yLabel, List<Series> series, boolean logX) {
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            xLabel,
            yLabel,
            collection(series),
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    colour(renderer, series.size());
    plot.setRenderer(renderer);
    if (logX) {
      plot.setDomainAxis(new LogAxis(xLabel));
    }
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    return svg(chart);
  }

  /** Points, with optional shaded x-band [low, high] and a line at x = mid (a good range). */
  static String scatter(
      String title,
      String xLabel,
      String yLabel,
      List<Series> series,
      boolean logX,
      double[] band) {
    JFreeChart chart =
        ChartFactory.createScatterPlot(
            title,
            xLabel,
            yLabel,
            collection(series),
            PlotOrientation.VERTICAL,
            series.size() > 1,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    colour(renderer, series.size());
    plot.setRenderer(renderer);
    if (logX) {
      LogAxis axis = new LogAxis(xLabel);
      axis.setSmallestValue(1e-9);
      plot.setDomainAxis(axis);
    }
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    if (band != null && band[0] < band[2]) {
      plot.addDomainMarker(new IntervalMarker(band[0], band[2], new Color(0, 0, 0, 30)));
      plot.addDomainMarker(new ValueMarker(band[1], Color.BLACK, new BasicStroke(1.5f)));
    }
    return svg(chart);
  }

  private static void colour(XYLineAndShapeRenderer renderer, int n) {
    for (int i = 0; i < n; i++) {
      renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
  }

  private static XYSeriesCollection collection(List<Series> series) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Series s : series) {
      XYSeries xy = new XYSeries(s.name(), false, true);
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
          xy.add(s.x()[i], s.y()[i]);
        }
      }
      data.addSeries(xy);
    }
    return data;
  }

  private static String svg(JFreeChart chart) {
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    chart.setBackgroundPaint(Color.WHITE);
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
    return g.getSVGElement();
  }
}
