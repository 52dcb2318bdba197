package dev.designspace.runtime.report;

import dev.designspace.runtime.analysis.ErrorEdf;
import dev.designspace.runtime.analysis.ProxyValidity;
import dev.designspace.runtime.runfiles.ModelResult;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every figure of a report, each space in its {@link Palette} colour: the EDFs, normalised EDFs and
 * search efficiency of all spaces, and per space its scatters, complexity and width profiles.
 */
record ReportFigures(
    Optional<Figure> edf,
    Optional<Figure> normalisedEdf,
    Optional<Figure> efficiency,
    List<Figure> trends,
    List<SweepFigures> sweeps) {

  private static final int PROFILES = 5;

  ReportFigures {
    trends = List.copyOf(trends);
    sweeps = List.copyOf(sweeps);
  }

  /** One space's figures, empty where too few of its models finished. */
  record SweepFigures(
      List<Figure> scatters,
      Optional<Figure> complexity,
      Optional<Figure> profiles,
      Optional<Figure> proxy,
      List<Figure> runtime,
      List<Figure> curves) {
    SweepFigures {
      scatters = List.copyOf(scatters);
      runtime = List.copyOf(runtime);
      curves = List.copyOf(curves);
    }
  }

  /** All figures, in the order the report shows them. */
  List<Figure> all() {
    List<Figure> all = new ArrayList<>();
    edf.ifPresent(all::add);
    normalisedEdf.ifPresent(all::add);
    efficiency.ifPresent(all::add);
    all.addAll(trends);
    for (SweepFigures s : sweeps) {
      all.addAll(s.scatters());
      s.complexity().ifPresent(all::add);
      s.profiles().ifPresent(all::add);
      s.proxy().ifPresent(all::add);
      all.addAll(s.runtime());
      all.addAll(s.curves());
    }
    return all;
  }

  static ReportFigures draw(ReportAnalysis analysis) {
    List<Plots.Spread> edfs = new ArrayList<>();
    List<Plots.Spread> normalised = new ArrayList<>();
    List<Plots.Spread> efficiency = new ArrayList<>();
    List<SweepFigures> sweeps = new ArrayList<>();
    for (SweepAnalysis s : analysis.sweeps()) {
      Color colour = Palette.of(s.index());
      s.edf()
          .ifPresent(
              edf ->
                  edfs.add(
                      steps(
                          legend(s.data().label(), edf),
                          colour,
                          edf,
                          ErrorEdf.dkwEpsilon(edf.size(), ReportAnalysis.ALPHA))));
      if (s.edf().isPresent() && analysis.normalisation().isPresent()) {
        ErrorEdf edf = normalisedEdf(analysis, s);
        int outside = s.edf().get().size() - edf.size();
        normalised.add(
            steps(
                legend(s.data().label(), edf) + (outside > 0 ? " | " + outside + " outside" : ""),
                colour,
                edf,
                0));
      }
      s.efficiency()
          .ifPresent(
              e ->
                  efficiency.add(
                      new Plots.Spread(
                          new Plots.Series(
                              s.data().label() + "  (band: 25-75%)",
                              colour,
                              e.models(),
                              e.expected()),
                          e.low(),
                          e.high())));
      sweeps.add(sweep(s, colour));
    }
    return new ReportFigures(
        edfs.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new Figure(
                    "edf.svg",
                    Plots.spreads(
                        "Error EDF (band: DKW 95%)",
                        "top-1 error (%)", "cumulative prob.", edfs, false))),
        normalised.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new Figure(
                    "edf-normalised.svg",
                    Plots.spreads(
                        "Error EDF normalised by "
                            + analysis.options().complexity().externalName()
                            + " ("
                            + analysis.normalisation().orElseThrow().bins()
                            + " bins)",
                        "top-1 error (%)",
                        "cumulative prob.",
                        normalised,
                        false))),
        efficiency.isEmpty()
            ? Optional.empty()
            : Optional.of(
                new Figure(
                    "random-search-efficiency.svg",
                    Plots.spreads(
                        "Random search efficiency",
                        "models trained (m)",
                        "best error of m (%)",
                        efficiency,
                        true))),
        analysis.trends().stream().map(ReportFigures::trend).toList(),
        sweeps);
  }

  /** Error against the one setting a space's sweeps differ in: median and 10th-90th percentile. */
  private static Figure trend(SettingTrend t) {
    List<SettingTrend.Point> points = t.points();
    double[] x = points.stream().mapToDouble(SettingTrend.Point::value).toArray();
    return new Figure(
        "trend-" + ReportAnalysis.slug(t.space()) + "-" + ReportAnalysis.slug(t.setting()) + ".svg",
        Plots.trend(
            t.space() + ": error against " + t.setting(),
            t.setting(),
            "top-1 error (%)",
            new Plots.Spread(
                new Plots.Series(
                    "median (band: 10th-90th percentile)",
                    Palette.of(t.colour()),
                    x,
                    points.stream().mapToDouble(SettingTrend.Point::median).toArray()),
                points.stream().mapToDouble(SettingTrend.Point::p10).toArray(),
                points.stream().mapToDouble(SettingTrend.Point::p90).toArray()),
            points.stream().map(SettingTrend.Point::title).toList(),
            t.logX()));
  }

  /** A sweep's EDF weighted by the report's shared complexity normalisation. */
  static ErrorEdf normalisedEdf(ReportAnalysis analysis, SweepAnalysis s) {
    return ErrorEdf.weighted(s.data().errors(), analysis.normalisedWeights(s));
  }

  /** The paper's EDF legend: name, models, minimum and mean error. */
  static String legend(String name, ErrorEdf edf) {
    return String.format(
        Locale.ROOT, "%s  n=%d | min %.1f | mean %.1f", name, edf.size(), edf.min(), edf.mean());
  }

  /**
   * An EDF as a staircase (each error twice: at the height before it and after) with a band of
   * +-epsilon, clipped to [0, 1].
   */
  private static Plots.Spread steps(String name, Color colour, ErrorEdf edf, double epsilon) {
    double[] e = edf.sortedErrors();
    double[] h = edf.stepHeights();
    int n = e.length;
    double[] x = new double[2 * n];
    double[] y = new double[2 * n];
    double[] low = new double[2 * n];
    double[] high = new double[2 * n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = e[i];
      x[2 * i + 1] = e[i];
      y[2 * i] = i == 0 ? 0 : h[i - 1];
      y[2 * i + 1] = h[i];
    }
    for (int i = 0; i < 2 * n; i++) {
      low[i] = Math.max(0, y[i] - epsilon);
      high[i] = Math.min(1, y[i] + epsilon);
    }
    return new Plots.Spread(new Plots.Series(name, colour, x, y), low, high);
  }

  private static SweepFigures sweep(SweepAnalysis s, Color colour) {
    String name = s.data().label();
    List<Figure> scatters = new ArrayList<>();
    for (SweepAnalysis.Effect e : s.effects()) {
      scatters.add(
          new Figure(
              "error-vs-" + e.key() + "-" + s.slug() + ".svg",
              Plots.scatter(
                  name + ": " + e.title(),
                  e.label(),
                  "error (%)",
                  List.of(new Plots.Series(name, colour, e.x(), e.errors(), false, e.models())),
                  e.log(),
                  e.range() == null
                      ? null
                      : new Plots.XBand(
                          colour, e.range().low(), e.range().median(), e.range().high()))));
    }
    Optional<Figure> complexity =
        s.complexity()
            .map(
                c ->
                    new Figure(
                        "complexity-" + s.slug() + ".svg",
                        Plots.logLogScatter(
                            name + ": activations and parameters vs flops",
                            "flops",
                            "acts (filled) / params (open)",
                            List.of(
                                new Plots.Series(
                                    "acts", colour, c.flops(), c.acts(), false, hovers(s)),
                                new Plots.Series(
                                    "params", colour, c.flops(), c.params(), true, hovers(s))))));
    Optional<Figure> profiles =
        s.best().size() < 2 || s.effects().isEmpty()
            ? Optional.empty()
            : Optional.of(new Figure("widths-" + s.slug() + ".svg", profiles(s, colour)));
    Optional<Figure> proxy =
        s.data().proxyValidity().filter(v -> !v.ids().isEmpty()).map(v -> proxy(s, v, colour));
    List<Figure> runtime = new ArrayList<>();
    s.runtime()
        .ifPresent(
            r -> {
              for (String measure : List.of("flops", "acts")) {
                double[] x = measure.equals("flops") ? r.flops() : r.acts();
                runtime.add(
                    new Figure(
                        "runtime-vs-" + measure + "-" + s.slug() + ".svg",
                        Plots.logLogScatter(
                            name + ": inference time vs " + measure,
                            measure,
                            "ms per 64 images",
                            List.of(
                                new Plots.Series(
                                    name, colour, x, r.millis(), false, r.models())))));
              }
            });
    return new SweepFigures(scatters, complexity, profiles, proxy, runtime, curves(s, colour));
  }

  private static List<String> hovers(SweepAnalysis s) {
    return s.data().done().stream().map(SweepAnalysis::hover).toList();
  }

  private static List<String> proxyHovers(ProxyValidity v) {
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < v.ids().size(); i++) {
      labels.add(
          String.format(
              Locale.ROOT,
              "%s: error %.2f%% at %d epochs, %.2f%% at %d",
              v.ids().get(i),
              v.proxyErrors()[i],
              v.proxyEpochs(),
              v.longErrors()[i],
              v.longEpochs()));
    }
    return labels;
  }

  /** The best models' widths block by block: the best solid, the next ones dashed. */
  private static String profiles(SweepAnalysis s, Color colour) {
    List<Plots.Series> lines = new ArrayList<>();
    List<ModelResult> best = s.best().subList(0, Math.min(PROFILES, s.best().size()));
    for (int k = 0; k < best.size(); k++) {
      ModelResult r = best.get(k);
      List<Integer> widths = SweepAnalysis.blockWidths(SweepData.config(r));
      double[] x = new double[widths.size()];
      double[] y = new double[widths.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = i + 1;
        y[i] = widths.get(i);
      }
      lines.add(
          new Plots.Series(
              String.format(Locale.ROOT, "%s (%.2f%%)", r.id(), r.error()), colour, x, y, k > 0));
    }
    return Plots.lines(
        s.data().label() + ": per-block widths of the best models", "block", "width", lines);
  }

  /** Models whose curves are drawn: the best and the worst that trained to the end. */
  static final int CURVES = 3;

  /**
   * Test error and training loss per epoch of the best models (solid) and the worst (dashed), as
   * pycls's sweep analysis draws them: how a short schedule's ranking came about.
   */
  private static List<Figure> curves(SweepAnalysis s, Color colour) {
    List<ModelResult> trained =
        s.data().done().stream()
            .filter(r -> r.curve() != null && !r.curve().isEmpty())
            .sorted(java.util.Comparator.comparingDouble(ModelResult::error))
            .toList();
    if (trained.size() < 2) {
      return List.of();
    }
    int k = Math.min(CURVES, trained.size() / 2);
    List<ModelResult> shown = new ArrayList<>(trained.subList(0, k));
    shown.addAll(trained.subList(trained.size() - k, trained.size()));
    List<Figure> figures = new ArrayList<>();
    for (String what : List.of("error", "loss")) {
      List<Plots.Series> lines = new ArrayList<>();
      for (int i = 0; i < shown.size(); i++) {
        ModelResult r = shown.get(i);
        double[] x = r.curve().stream().mapToDouble(e -> e.epoch()).toArray();
        double[] y =
            r.curve().stream()
                .mapToDouble(e -> what.equals("error") ? e.testError() : e.trainLoss())
                .toArray();
        lines.add(
            new Plots.Series(
                String.format(
                    Locale.ROOT, "%s %s (%.2f%%)", i < k ? "best" : "worst", r.id(), r.error()),
                colour,
                x,
                y,
                i >= k));
      }
      figures.add(
          new Figure(
              "curves-" + what + "-" + s.slug() + ".svg",
              Plots.lines(
                  s.data().label()
                      + (what.equals("error")
                          ? ": test error per epoch, best and worst models"
                          : ": training loss per epoch, best and worst models"),
                  "epoch",
                  what.equals("error") ? "test error (%)" : "training loss",
                  lines)));
    }
    return figures;
  }

  private static Figure proxy(SweepAnalysis s, ProxyValidity v, Color colour) {
    return new Figure(
        "proxy-check-" + s.slug() + ".svg",
        Plots.scatter(
            s.data().label() + ": proxy error vs longer training",
            v.proxyEpochs() + "-epoch error (%)",
            v.longEpochs() + "-epoch error (%)",
            List.of(
                new Plots.Series(
                    "models", colour, v.proxyErrors(), v.longErrors(), false, proxyHovers(v))),
            false,
            null));
  }
}
