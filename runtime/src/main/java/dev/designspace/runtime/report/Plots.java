package dev.designspace.runtime.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Figures drawn as SVG in the style of the paper's: white plot area, light grid, one colour per
 * series as the caller chooses it, shaded bands, log axes ticked at 1, 2 and 5 times a power of
 * ten.
 */
final class Plots {
  private static final int WIDTH = 560;
  private static final int HEIGHT = 380;
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  private static final Font AXIS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font LEGEND = new Font(Font.MONOSPACED, Font.PLAIN, 12);
  private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
  private static final float BAND_ALPHA = 0.18f;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Plots() {}

  /**
   * A named series of points in one colour; {@code hollow} draws open marks. On a scatter plot each
   * point with a label carries it as its SVG title, which a browser shows on hover.
   *
   * @param labels one per point, or empty for none
   */
  record Series(
      String name, Color colour, double[] x, double[] y, boolean hollow, List<String> labels) {
    Series {
      if (x.length != y.length) {
        throw new IllegalArgumentException(name + ": " + x.length + " x but " + y.length + " y");
      }
      labels = List.copyOf(labels);
      if (!labels.isEmpty() && labels.size() != x.length) {
        throw new IllegalArgumentException(name + ": " + x.length + " points but labels differ");
      }
    }

    Series(String name, Color colour, double[] x, double[] y, boolean hollow) {
      this(name, colour, x, y, hollow, List.of());
    }

    Series(String name, Color colour, double[] x, double[] y) {
      this(name, colour, x, y, false, List.of());
    }
  }

  /** A line with a shaded band from {@code low} to {@code high} around it. */
  record Spread(Series centre, double[] low, double[] high) {
    Spread {
      if (low.length != centre.x().length || high.length != centre.x().length) {
        throw new IllegalArgumentException(centre.name() + ": band and line differ in length");
      }
    }
  }

  /** A shaded range of x, as a bootstrap good range: low, median (a line) and high. */
  record XBand(Color colour, double low, double median, double high) {}

  /** Lines with bands, as error EDFs with their DKW band or search efficiency with its spread. */
  static String spreads(
      String title, String xLabel, String yLabel, List<Spread> spreads, boolean logX) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    renderer.setAlpha(BAND_ALPHA);
    for (int i = 0; i < spreads.size(); i++) {
      Spread s = spreads.get(i);
      YIntervalSeries series = new YIntervalSeries(s.centre().name(), false, true);
      double[] x = s.centre().x();
      for (int j = 0; j < x.length; j++) {
        if (Double.isFinite(x[j]) && Double.isFinite(s.centre().y()[j])) {
          series.add(x[j], s.centre().y()[j], s.low()[j], s.high()[j]);
        }
      }
      data.addSeries(series);
      renderer.setSeriesPaint(i, s.centre().colour());
      renderer.setSeriesFillPaint(i, s.centre().colour());
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    XYPlot plot = plot(xLabel, yLabel, data, renderer, logX, false);
    return svg(title, plot, spreads.size() > 0);
  }

  /**
   * One line through points with a shaded band around it, each point saying what it is on hover: a
   * trend of error against a setting.
   */
  static String trend(
      String title,
      String xLabel,
      String yLabel,
      Spread spread,
      List<String> titles,
      boolean logX) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    DeviationRenderer renderer = new DeviationRenderer(true, true);
    renderer.setAlpha(BAND_ALPHA);
    YIntervalSeries series = new YIntervalSeries(spread.centre().name(), false, true);
    double[] x = spread.centre().x();
    for (int j = 0; j < x.length; j++) {
      series.add(x[j], spread.centre().y()[j], spread.low()[j], spread.high()[j]);
    }
    data.addSeries(series);
    Color colour = spread.centre().colour();
    renderer.setSeriesPaint(0, colour);
    renderer.setSeriesFillPaint(0, colour);
    renderer.setSeriesStroke(0, new BasicStroke(2f));
    renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    XYPlot plot = plot(xLabel, yLabel, data, renderer, logX, false);
    return svg(title, plot, true, List.of(titles));
  }

  /** Points, each series in its colour, with an optional shaded good range of x. */
  static String scatter(
      String title, String xLabel, String yLabel, List<Series> series, boolean logX, XBand band) {
    return scatter(title, xLabel, yLabel, series, logX, false, band);
  }

  /** Points on log-log axes, as complexity against complexity. */
  static String logLogScatter(String title, String xLabel, String yLabel, List<Series> series) {
    return scatter(title, xLabel, yLabel, series, true, true, null);
  }

  private static String scatter(
      String title,
      String xLabel,
      String yLabel,
      List<Series> series,
      boolean logX,
      boolean logY,
      XBand band) {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    XYPlot plot = plot(xLabel, yLabel, collection(series, renderer), renderer, logX, logY);
    List<List<String>> titles = new ArrayList<>();
    for (Series s : series) {
      List<String> kept = new ArrayList<>();
      for (int j = 0; j < s.x().length && !s.labels().isEmpty(); j++) {
        if (Double.isFinite(s.x()[j]) && Double.isFinite(s.y()[j])) {
          kept.add(s.labels().get(j)); // the points collection() keeps, in its order
        }
      }
      titles.add(kept);
    }
    if (band != null && band.low() < band.high()) {
      Color c = band.colour();
      IntervalMarker range =
          new IntervalMarker(
              band.low(), band.high(), new Color(c.getRed(), c.getGreen(), c.getBlue(), 46));
      plot.addDomainMarker(range, org.jfree.chart.ui.Layer.BACKGROUND);
      plot.addDomainMarker(
          new ValueMarker(
              band.median(),
              c.darker(),
              new BasicStroke(
                  1.5f,
                  BasicStroke.CAP_BUTT,
                  BasicStroke.JOIN_MITER,
                  10f,
                  new float[] {5f, 3f},
                  0f)),
          org.jfree.chart.ui.Layer.BACKGROUND);
    }
    return svg(title, plot, series.size() > 1, titles);
  }

  /** Lines; a series' {@code hollow} draws it thinner and dashed. */
  static String lines(String title, String xLabel, String yLabel, List<Series> series) {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    XYPlot plot = plot(xLabel, yLabel, collection(series, renderer), renderer, false, false);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesStroke(
          i,
          series.get(i).hollow()
              ? new BasicStroke(
                  1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f)
              : new BasicStroke(2.2f));
    }
    return svg(title, plot, !series.isEmpty());
  }

  private static XYSeriesCollection collection(
      List<Series> series, XYLineAndShapeRenderer renderer) {
    XYSeriesCollection data = new XYSeriesCollection();
    Shape dot = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      XYSeries xy = new XYSeries(s.name(), false, true);
      for (int j = 0; j < s.x().length; j++) {
        if (Double.isFinite(s.x()[j]) && Double.isFinite(s.y()[j])) {
          xy.add(s.x()[j], s.y()[j]);
        }
      }
      data.addSeries(xy);
      renderer.setSeriesPaint(i, s.colour());
      renderer.setSeriesShape(i, dot);
      renderer.setSeriesShapesFilled(i, !s.hollow());
      renderer.setSeriesStroke(i, new BasicStroke(1.5f));
    }
    renderer.setUseOutlinePaint(false);
    return data;
  }

  private static XYPlot plot(
      String xLabel,
      String yLabel,
      org.jfree.data.xy.XYDataset data,
      XYLineAndShapeRenderer renderer,
      boolean logX,
      boolean logY) {
    XYPlot plot =
        new XYPlot(data, axis(xLabel, logX, data, true), axis(yLabel, logY, data, false), renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(new BasicStroke(0.8f));
    plot.setRangeGridlineStroke(new BasicStroke(0.8f));
    plot.setOutlinePaint(Color.GRAY);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    return plot;
  }

  private static ValueAxis axis(
      String label, boolean log, org.jfree.data.xy.XYDataset data, boolean domain) {
    ValueAxis axis;
    if (log) {
      double[] range = positiveRange(data, domain);
      PlainLogAxis logAxis = new PlainLogAxis(label);
      if (range != null) {
        // a tenth of a decade of margin either side, as the points' marks need
        logAxis.setRange(range[0] / 1.26, range[1] * 1.26);
      }
      axis = logAxis;
    } else {
      NumberAxis number = new NumberAxis(label);
      number.setAutoRangeIncludesZero(false);
      if (integral(data, domain)) {
        // depths and widths: no ticks between whole numbers
        number.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
      }
      axis = number;
    }
    axis.setLabelFont(AXIS);
    axis.setTickLabelFont(TICKS);
    axis.setTickLabelPaint(Color.DARK_GRAY);
    axis.setAxisLinePaint(Color.GRAY);
    return axis;
  }

  private static boolean integral(org.jfree.data.xy.XYDataset data, boolean domain) {
    boolean any = false;
    for (int s = 0; s < data.getSeriesCount(); s++) {
      for (int i = 0; i < data.getItemCount(s); i++) {
        double v = domain ? data.getXValue(s, i) : data.getYValue(s, i);
        if (v != Math.rint(v)) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static double[] positiveRange(org.jfree.data.xy.XYDataset data, boolean domain) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < data.getSeriesCount(); s++) {
      for (int i = 0; i < data.getItemCount(s); i++) {
        double v = domain ? data.getXValue(s, i) : data.getYValue(s, i);
        if (v > 0 && Double.isFinite(v)) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
    }
    return low <= high ? new double[] {low, high} : null;
  }

  private static String svg(String title, XYPlot plot, boolean legend) {
    return svg(title, plot, legend, List.of());
  }

  /**
   * The chart as SVG; where {@code titles} label the points, each point is covered by an invisible
   * circle holding its {@code <title>}, so hovering shows it without any script.
   */
  private static String svg(String title, XYPlot plot, boolean legend, List<List<String>> titles) {
    JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(4, 4, 4, 12));
    LegendTitle l = chart.getLegend();
    if (l != null) {
      l.setItemFont(LEGEND);
      l.setFrame(BlockBorder.NONE);
      l.setBackgroundPaint(Color.WHITE);
    }
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    ChartRenderingInfo info = new ChartRenderingInfo();
    chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT), info);
    String svg = g.getSVGElement();
    StringBuilder hover = new StringBuilder();
    for (Object o : info.getEntityCollection().getEntities()) {
      if (o instanceof XYItemEntity e
          && e.getSeriesIndex() < titles.size()
          && e.getItem() < titles.get(e.getSeriesIndex()).size()) {
        Rectangle2D box = e.getArea().getBounds2D();
        hover.append(
            String.format(
                java.util.Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#000\" fill-opacity=\"0\""
                    + " pointer-events=\"all\"><title>%s</title></circle>",
                box.getCenterX(),
                box.getCenterY(),
                escape(titles.get(e.getSeriesIndex()).get(e.getItem()))));
      }
    }
    if (hover.length() == 0) {
      return svg;
    }
    int end = svg.lastIndexOf("</svg>");
    return svg.substring(0, end) + "<g class=\"points\">" + hover + "</g>" + svg.substring(end);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A log axis whose ticks are {@link LogTicks}: 1, 2, 5 x 10^k with plain labels. */
  private static final class PlainLogAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    PlainLogAxis(String label) {
      super(label);
      setSmallestValue(1e-12);
      setMinorTickMarksVisible(false);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List refreshTicks(
        java.awt.Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
      boolean vertical = RectangleEdge.isLeftOrRight(edge);
      TextAnchor anchor =
          vertical
              ? (edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT)
              : (edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
      List ticks = new ArrayList();
      for (double v :
          LogTicks.between(Math.max(getLowerBound(), 1e-12), Math.max(getUpperBound(), 1e-12))) {
        ticks.add(new NumberTick(v, LogTicks.label(v), anchor, anchor, 0.0));
      }
      return ticks;
    }
  }
}
