package dev.designspace.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.designspace.runtime.analysis.ErrorEdf;
import dev.designspace.runtime.analysis.ProgressionStep;
import dev.designspace.runtime.analysis.ProxyValidity;
import dev.designspace.runtime.analysis.RankCorrelation;
import dev.designspace.runtime.analysis.SpaceComparison;
import dev.designspace.runtime.analysis.SpaceVerdict;
import dev.designspace.runtime.analysis.Verdict;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report's template model: the analysis as text (numbers formatted, verdicts in words) beside
 * its figures. Strings stay raw here; the template escapes them. A user's own template ({@code
 * report --template}) gets the same model, so its names are documented for users in {@code
 * docs/report-template.md}: a name changed here is changed there. Only strings, numbers, booleans,
 * lists and maps go in, so that a template reaches no Java object.
 */
final class ReportView {
  private ReportView() {}

  /** The model of a report written to {@code reportDir} (links to sources are relative to it). */
  static Map<String, Object> of(ReportAnalysis analysis, ReportFigures figures, Path reportDir) {
    Map<String, Object> model = new LinkedHashMap<>();
    List<Map<String, Object>> sweeps = new ArrayList<>();
    for (int i = 0; i < analysis.sweeps().size(); i++) {
      sweeps.add(sweep(analysis.sweeps().get(i), figures.sweeps().get(i), reportDir));
    }
    model.put("sweeps", sweeps);
    model.put("summary", analysis.summary());
    model.put("edf", figure(figures.edf()));
    model.put("normalisedEdf", figure(figures.normalisedEdf()));
    model.put("efficiency", figure(figures.efficiency()));
    model.put("trends", figures.trends().stream().map(ReportView::figure).toList());
    model.put("settings", settings(analysis));
    model.put("comparisons", analysis.pairs().stream().map(ReportView::comparison).toList());
    model.put("progression", analysis.outcomes().stream().map(ReportView::step).toList());
    return model;
  }

  /**
   * Every sweep's training settings, a row per setting and a column per sweep; a setting whose
   * values differ between the sweeps is marked.
   */
  private static Map<String, Object> settings(ReportAnalysis analysis) {
    List<SweepData> sweeps = analysis.sweeps().stream().map(SweepAnalysis::data).toList();
    List<SweepSettings> all = sweeps.stream().map(SweepData::settings).toList();
    List<String> differing = SweepSettings.differing(all);
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    all.forEach(s -> names.addAll(s.values().keySet()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String name : names) {
      rows.add(
          Map.of(
              "name",
              name,
              "differs",
              differing.contains(name),
              "values",
              all.stream().map(s -> s.values().getOrDefault(name, "-")).toList()));
    }
    return Map.of(
        "columns",
        sweeps.stream().map(SweepData::label).toList(),
        "colours",
        analysis.sweeps().stream().map(a -> hex(Palette.of(a.index()))).toList(),
        "rows",
        rows,
        "differing",
        differing);
  }

  private static Map<String, Object> figure(Figure f) {
    return Map.of("svg", f.svg(), "file", f.file());
  }

  /** A missing figure as an empty one, which the template leaves out. */
  private static Map<String, Object> figure(Optional<Figure> f) {
    return f.map(ReportView::figure).orElse(Map.of("svg", "", "file", ""));
  }

  private static Map<String, Object> sweep(
      SweepAnalysis a, ReportFigures.SweepFigures figures, Path reportDir) {
    SweepData s = a.data();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", s.name());
    row.put("label", s.label());
    row.put("description", s.description());
    row.put("directory", s.directory().toString());
    row.put("spec", s.specYaml());
    row.put("total", s.all().size());
    row.put("done", s.done().size());
    row.put("failed", s.all().stream().filter(r -> r.status() == RunStatus.FAILED).count());
    row.put("diverged", s.all().stream().filter(r -> r.status() == RunStatus.DIVERGED).count());
    row.put("colour", hex(Palette.of(a.index())));
    a.edf()
        .ifPresent(
            edf -> {
              row.put("min", fmt(edf.min()));
              row.put("mean", fmt(edf.mean()));
              row.put("median", fmt(edf.quantile(0.5)));
              row.put("p10", fmt(edf.quantile(0.1)));
              row.put("dkw", fmt(ErrorEdf.dkwEpsilon(edf.size(), ReportAnalysis.ALPHA)));
            });
    row.put("recipes", String.join(", ", s.recipes()));
    row.put("blownUp", s.blownUp());
    s.proxyValidity().ifPresent(v -> row.put("proxyCheck", proxyCheck(v, figures.proxy())));
    row.put("best", best(a.best(), s, reportDir));
    Map<String, Object> plots = new LinkedHashMap<>();
    if (!figures.scatters().isEmpty()) {
      plots.put("scatters", figures.scatters().stream().map(ReportView::figure).toList());
      a.complexity()
          .ifPresent(
              c -> {
                plots.put("actsFit", powerLaw("acts", c.actsFit()));
                plots.put("paramsFit", powerLaw("params", c.paramsFit()));
              });
      plots.put("complexity", figure(figures.complexity()));
      plots.put("profiles", figure(figures.profiles()));
    }
    row.put("curves", figures.curves().stream().map(ReportView::figure).toList());
    if (!s.reruns().isEmpty()) {
      row.put("noise", ReportAnalysis.noise(s.reruns()));
      row.put(
          "reruns",
          s.reruns().stream()
              .map(
                  p ->
                      Map.of(
                          "id", p.id(),
                          "error", fmt(p.error()),
                          "rerun", fmt(p.rerunError()),
                          "difference", String.format(Locale.ROOT, "%+.2f", p.difference())))
              .toList());
    }
    a.runtime()
        .ifPresent(
            r -> {
              row.put("runtimeFit", r.fit().sentence());
              row.put("runtime", figures.runtime().stream().map(ReportView::figure).toList());
            });
    row.put("plots", plots);
    return row;
  }

  private static String powerLaw(String what, dev.designspace.runtime.analysis.PowerLawFit fit) {
    return String.format(
        Locale.ROOT, "%s = %.3g * flops^%.3f (R^2 %.3f)", what, fit.a(), fit.b(), fit.rSquared());
  }

  private static Map<String, Object> comparison(ReportAnalysis.Pair p) {
    SpaceComparison c = p.comparison();
    Map<String, Object> m = verdict(p.verdict());
    m.put("a", p.a());
    m.put("b", p.b());
    m.put("ks", fmt(c.ksStatistic()));
    m.put("ksP", pValue(c.ksPValue()));
    m.put("mwP", pValue(c.mannWhitneyPValue()));
    m.put("medianDiff", fmt(c.medianDifference()));
    m.put("p10Diff", fmt(c.p10Difference()));
    m.put(
        "normalised",
        p.normalised()
            .map(
                n ->
                    (n.verdict(SpaceVerdict.ALPHA) == Verdict.UNDECIDED
                            ? "no EDF above"
                            : n.verdict(SpaceVerdict.ALPHA).words() + " A")
                        + " (p "
                        + pValue(n.pBAbove())
                        + " / "
                        + pValue(n.pAAbove())
                        + ")")
            .orElse("-"));
    m.put("sentence", p.sentence());
    return m;
  }

  /** The columns every verdict row shares: the verdict, effects, tests and margin. */
  private static Map<String, Object> verdict(SpaceVerdict v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("verdict", v.verdict().words());
    m.put("models", v.na() + " / " + v.nb());
    m.put(
        "shift", signed(v.shift().estimate()) + " " + interval(v.shift().low(), v.shift().high()));
    m.put(
        "superiority",
        String.format(
            Locale.ROOT,
            "%.2f [%.2f, %.2f]",
            v.superiority().probability(),
            v.superiority().low(),
            v.superiority().high()));
    m.put(
        "good",
        String.format(
            Locale.ROOT,
            "%+.0f [%+.0f, %+.0f] (good: at most %.2f%%)",
            100 * v.good().difference(),
            100 * v.good().low(),
            100 * v.good().high(),
            v.good().threshold()));
    m.put("pBetter", pValue(v.tests().better()));
    m.put("pWorse", pValue(v.tests().worse()));
    m.put("pNoWorse", pValue(v.tests().noWorse()));
    m.put("pNoBetter", pValue(v.tests().noBetter()));
    m.put("margin", fmt(v.margin()));
    m.put("toDecide", v.toDecide());
    return m;
  }

  private static Map<String, Object> step(ProgressionStep.Outcome outcome) {
    Map<String, Object> m = verdict(outcome.verdict());
    m.put("from", outcome.step().from());
    m.put("to", outcome.step().to());
    m.put("claim", outcome.step().claim());
    m.put("expected", outcome.step().expected().words());
    m.put("agreement", outcome.agreement().words());
    m.put("proxy", outcome.fromProxy() + " / " + outcome.toProxy());
    return m;
  }

  private static String signed(double x) {
    return String.format(Locale.ROOT, "%+.2f", x);
  }

  private static String interval(double low, double high) {
    return "["
        + (Double.isFinite(low) ? signed(low) : "-inf")
        + ", "
        + (Double.isFinite(high) ? signed(high) : "+inf")
        + "]";
  }

  /** The proxy check's figures and its scatter of proxy error against longer-training error. */
  private static Map<String, Object> proxyCheck(ProxyValidity v, Optional<Figure> plot) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sentence", v.sentence());
    m.put("verdict", v.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    m.put("models", v.ids().size());
    m.put("proxyEpochs", v.proxyEpochs());
    m.put("longEpochs", v.longEpochs());
    RankCorrelation c = v.correlation();
    m.put("spearman", c == null ? "-" : correlation(c.spearman(), c.spearmanInterval()));
    m.put("kendall", c == null ? "-" : correlation(c.kendall(), c.kendallInterval()));
    m.put("plot", figure(plot));
    return m;
  }

  private static String correlation(double value, RankCorrelation.Interval interval) {
    return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", value, interval.low(), interval.high());
  }

  private static List<Map<String, Object>> best(
      List<ModelResult> best, SweepData s, Path reportDir) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < best.size(); i++) {
      ModelResult r = best.get(i);
      JsonNode c = SweepData.config(r);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", i + 1);
      m.put("id", r.id());
      m.put("error", fmt(r.error()));
      // the epoch the error is from, when not the last: export writes the best epoch by default
      m.put("epoch", r.earlierEpoch());
      m.put("flops", String.format(Locale.ROOT, "%,d", r.flops()));
      m.put("params", String.format(Locale.ROOT, "%,d", r.params()));
      m.put("acts", String.format(Locale.ROOT, "%,d", r.acts()));
      m.put("depths", c.path("depths").toString());
      m.put("widths", c.path("widths").toString());
      m.put("groupWidths", c.path("groupWidths").toString());
      m.put("bottleneckRatios", c.path("bottleneckRatios").toString());
      m.put("source", source(r, s, reportDir));
      rows.add(m);
    }
    return rows;
  }

  /** The model's generated class, relative to the report; empty when the sweep names none. */
  private static String source(ModelResult r, SweepData s, Path reportDir) {
    Path file = s.sources().get(r.id());
    return file == null
        ? ""
        : reportDir
            .toAbsolutePath()
            .relativize(file.toAbsolutePath())
            .toString()
            .replace('\\', '/');
  }

  static String hex(java.awt.Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  private static String pValue(double p) {
    return String.format(Locale.ROOT, "%.3g", p);
  }

  static String fmt(double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }
}
