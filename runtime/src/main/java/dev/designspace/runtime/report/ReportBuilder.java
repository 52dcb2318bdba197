package dev.designspace.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.designspace.generator.emit.JavaNames;
import dev.designspace.generator.fit.RegNetFit;
import dev.designspace.generator.tool.AtomicFiles;
import dev.designspace.runtime.analysis.ErrorEdf;
import dev.designspace.runtime.analysis.GoodRange;
import dev.designspace.runtime.analysis.LossBlowUp;
import dev.designspace.runtime.analysis.PowerLawFit;
import dev.designspace.runtime.analysis.ProgressionStep;
import dev.designspace.runtime.analysis.ProxyValidity;
import dev.designspace.runtime.analysis.RandomSearchEfficiency;
import dev.designspace.runtime.analysis.RankCorrelation;
import dev.designspace.runtime.analysis.SpaceComparison;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Builds {@code report.html} for one or more sweep directories, with {@code models.csv} and {@code
 * sweeps.json} beside it, and a short text summary.
 */
public final class ReportBuilder {
  static final String TEMPLATE = "report.html.ftl";
  private static final int BEST_SHOWN = 10;
  private static final int FIT_LIMIT = 200;

  private ReportBuilder() {}

  /**
   * The report written, its summary lines, the best model of all sweeps, and the progression as
   * measured.
   */
  public record Report(
      Path file, List<String> summary, String bestModel, List<ProgressionStep.Outcome> steps) {}

  /** Significance level of every verdict in the report. */
  static final double ALPHA = 0.05;

  public static Report build(List<Path> sweepDirs, Path out) throws IOException {
    return build(sweepDirs, out, List.of());
  }

  /**
   * The report of {@code sweepDirs}; {@code steps} name pairs of them (by space name) to set
   * against what the paper found, in a section of their own and at the top of the summary.
   */
  public static Report build(List<Path> sweepDirs, Path out, List<ProgressionStep> steps)
      throws IOException {
    if (sweepDirs.isEmpty()) {
      throw new ReportException("name at least one sweep directory");
    }
    List<SweepData> sweeps = new ArrayList<>();
    for (Path d : sweepDirs) {
      sweeps.add(SweepData.load(d));
    }
    Map<String, Object> model = new LinkedHashMap<>();
    List<Map<String, Object>> sweepRows = new ArrayList<>();
    List<Plots.Series> edfs = new ArrayList<>();
    List<Plots.Series> normalised = new ArrayList<>();
    List<Plots.Series> efficiency = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    for (SweepData s : sweeps) {
      double[] errors = s.errors();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", s.name());
      row.put("description", s.description());
      row.put("directory", s.directory().toString());
      row.put("spec", s.specYaml());
      row.put("total", s.all().size());
      row.put("done", s.done().size());
      row.put("failed", s.all().stream().filter(r -> r.status() == RunStatus.FAILED).count());
      row.put("diverged", s.all().stream().filter(r -> r.status() == RunStatus.DIVERGED).count());
      if (errors.length > 0) {
        ErrorEdf edf = ErrorEdf.of(errors);
        row.put("min", fmt(edf.min()));
        row.put("mean", fmt(edf.mean()));
        row.put("median", fmt(edf.quantile(0.5)));
        row.put("p10", fmt(edf.quantile(0.1)));
        row.put("dkw", fmt(ErrorEdf.dkwEpsilon(errors.length, 0.05)));
        String label =
            String.format(
                Locale.ROOT, "%3d|%.1f|%.1f %s", errors.length, edf.min(), edf.mean(), s.name());
        edfs.add(new Plots.Series(label, edf.sortedErrors(), edf.stepHeights()));
        ErrorEdf norm = ErrorEdf.normalised(errors, s.metric(ModelResult::flops), 10);
        normalised.add(new Plots.Series(label, norm.sortedErrors(), norm.stepHeights()));
        RandomSearchEfficiency rse = new RandomSearchEfficiency(errors);
        List<Double> ms = new ArrayList<>();
        for (int m = 1;
            m <= Math.max(1, errors.length);
            m = m < 4 ? m + 1 : (int) Math.ceil(m * 1.5)) {
          ms.add((double) m);
        }
        double[] mx = ms.stream().mapToDouble(Double::doubleValue).toArray();
        double[] my = ms.stream().mapToDouble(m -> rse.expectedBest(m.intValue())).toArray();
        efficiency.add(new Plots.Series(s.name() + " expected", mx, my));
        efficiency.add(
            new Plots.Series(
                s.name() + " 25-75%",
                concat(mx, reversed(mx)),
                concat(
                    ms.stream().mapToDouble(m -> rse.quantileOfBest(m.intValue(), 0.25)).toArray(),
                    reversed(
                        ms.stream()
                            .mapToDouble(m -> rse.quantileOfBest(m.intValue(), 0.75))
                            .toArray()))));
        summary.add(
            String.format(
                Locale.ROOT,
                "%s: %d models (%d done), error min %.2f%%, median %.2f%%, mean %.2f%%",
                s.name(),
                s.all().size(),
                errors.length,
                edf.min(),
                edf.quantile(0.5),
                edf.mean()));
      }
      row.put("recipes", String.join(", ", s.recipes()));
      List<String> blownUp = s.blownUp();
      row.put("blownUp", blownUp);
      if (!blownUp.isEmpty()) {
        summary.add(
            String.format(
                Locale.ROOT,
                "%s: %d of %d models blew up early in training (loss above %.0fx its first step's):"
                    + " %s; a blown-up model's error may reflect the training recipe more than its"
                    + " architecture",
                s.name(),
                blownUp.size(),
                s.all().size(),
                LossBlowUp.FACTOR,
                String.join(", ", blownUp)));
      }
      s.proxyValidity()
          .ifPresent(
              v -> {
                row.put("proxyCheck", proxyCheck(v));
                summary.add(s.name() + ": " + v.sentence());
              });
      row.put("best", best(s, out));
      row.put("plots", sweepPlots(s));
      sweepRows.add(row);
    }
    Set<String> recipes = new TreeSet<>();
    sweeps.forEach(s -> recipes.addAll(s.recipes()));
    if (recipes.size() > 1) {
      StringBuilder mixed = new StringBuilder("The sweeps were trained with different recipes (");
      for (int i = 0; i < sweeps.size(); i++) {
        mixed
            .append(i == 0 ? "" : "; ")
            .append(sweeps.get(i).name())
            .append(": ")
            .append(String.join(", ", sweeps.get(i).recipes()));
      }
      summary.add(
          0,
          mixed
              .append("): their errors are not comparable; train them with one --recipe")
              .toString());
    }
    model.put("sweeps", sweepRows);
    model.put(
        "edf",
        edfs.isEmpty()
            ? ""
            : Plots.steps(
                "Error EDF (legend: n|min|mean)", "top-1 error (%)", "cumulative prob.", edfs));
    model.put(
        "normalisedEdf",
        normalised.isEmpty()
            ? ""
            : Plots.steps(
                "Complexity-normalised error EDF",
                "top-1 error (%)",
                "cumulative prob.",
                normalised));
    model.put(
        "efficiency",
        efficiency.isEmpty()
            ? ""
            : Plots.lines(
                "Random search efficiency",
                "models trained (m)",
                "expected best error (%)",
                efficiency,
                true));
    List<Map<String, Object>> comparisons = new ArrayList<>();
    for (int i = 0; i < sweeps.size(); i++) {
      for (int j = i + 1; j < sweeps.size(); j++) {
        double[] a = sweeps.get(i).errors();
        double[] b = sweeps.get(j).errors();
        if (a.length < 2 || b.length < 2) {
          continue;
        }
        SpaceComparison c = SpaceComparison.of(a, b);
        Map<String, Object> m = comparisonRow(sweeps.get(i).name(), sweeps.get(j).name(), c);
        comparisons.add(m);
        if (steps
            .isEmpty()) { // a study's summary keeps to its steps; every pair stays in the table
          summary.add(
              c.significant(ALPHA)
                  ? (String) m.get("verdict")
                  : m.get("verdict") + "; " + noiseReason(a.length, b.length));
        }
      }
    }
    model.put("comparisons", comparisons);
    List<ProgressionStep.Outcome> outcomes = new ArrayList<>();
    List<Map<String, Object>> progression = new ArrayList<>();
    for (ProgressionStep step : steps) {
      Optional<SweepData> from =
          sweeps.stream().filter(s -> s.name().equals(step.from())).findFirst();
      Optional<SweepData> to = sweeps.stream().filter(s -> s.name().equals(step.to())).findFirst();
      if (from.isEmpty()
          || to.isEmpty()
          || from.get().errors().length < 2
          || to.get().errors().length < 2) {
        continue;
      }
      ProgressionStep.Outcome outcome =
          step.judge(SpaceComparison.of(from.get().errors(), to.get().errors()), ALPHA);
      outcomes.add(outcome);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", step.from());
      m.put("to", step.to());
      m.put("claim", step.claim());
      m.put("medianDiff", fmt(outcome.comparison().medianDifference()));
      m.put("p10Diff", fmt(outcome.comparison().p10Difference()));
      m.put("ksP", String.format(Locale.ROOT, "%.3g", outcome.comparison().ksPValue()));
      m.put("mwP", String.format(Locale.ROOT, "%.3g", outcome.comparison().mannWhitneyPValue()));
      m.put("agreement", outcome.agreement().words());
      progression.add(m);
    }
    model.put("progression", progression);
    List<String> stepLines = outcomes.stream().map(ProgressionStep.Outcome::sentence).toList();
    summary.addAll(0, stepLines);
    model.put("summary", summary);

    Configuration config = new Configuration(Configuration.VERSION_2_3_34);
    config.setClassForTemplateLoading(ReportBuilder.class, "/dev/designspace/templates");
    config.setDefaultEncoding("UTF-8");
    config.setNumberFormat("computer");
    StringWriter html = new StringWriter();
    try {
      Template template = config.getTemplate(TEMPLATE);
      template.process(model, html);
    } catch (TemplateException e) {
      throw new IllegalStateException("report template failed: " + e.getMessage(), e);
    }
    AtomicFiles.write(out, html.toString().getBytes(StandardCharsets.UTF_8));
    Path beside = out.toAbsolutePath().getParent();
    AtomicFiles.write(beside.resolve("models.csv"), csv(sweeps).getBytes(StandardCharsets.UTF_8));
    Map<String, Object> json = new LinkedHashMap<>();
    for (SweepData s : sweeps) {
      json.put(s.name(), s.all());
    }
    AtomicFiles.write(
        beside.resolve("sweeps.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json));
    String bestModel =
        sweeps.stream()
            .flatMap(sw -> sw.done().stream().map(r -> Map.entry(sw.name(), r)))
            .min(Comparator.comparingDouble(e -> e.getValue().error()))
            .map(
                e ->
                    String.format(
                        Locale.ROOT,
                        "best model: %s of %s, %.2f%% error, %,d flops",
                        e.getValue().id(),
                        e.getKey(),
                        e.getValue().error(),
                        e.getValue().flops()))
            .orElse("best model: none finished");
    return new Report(out, summary, bestModel, outcomes);
  }

  private static Map<String, Object> comparisonRow(String a, String b, SpaceComparison c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", a);
    m.put("b", b);
    m.put("ks", fmt(c.ksStatistic()));
    m.put("ksP", String.format(Locale.ROOT, "%.3g", c.ksPValue()));
    m.put("u", fmt(c.mannWhitneyU()));
    m.put("mwP", String.format(Locale.ROOT, "%.3g", c.mannWhitneyPValue()));
    m.put("medianDiff", fmt(c.medianDifference()));
    m.put("p10Diff", fmt(c.p10Difference()));
    m.put("verdict", verdict(a, b, c));
    return m;
  }

  /** The proxy check's figures and its scatter of proxy error against longer-training error. */
  private static Map<String, Object> proxyCheck(ProxyValidity v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sentence", v.sentence());
    m.put("verdict", v.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    m.put("models", v.ids().size());
    m.put("proxyEpochs", v.proxyEpochs());
    m.put("longEpochs", v.longEpochs());
    RankCorrelation c = v.correlation();
    m.put("spearman", c == null ? "-" : correlation(c.spearman(), c.spearmanInterval()));
    m.put("kendall", c == null ? "-" : correlation(c.kendall(), c.kendallInterval()));
    m.put(
        "plot",
        v.ids().isEmpty()
            ? ""
            : Plots.scatter(
                "Proxy error vs longer training",
                v.proxyEpochs() + "-epoch error (%)",
                v.longEpochs() + "-epoch error (%)",
                List.of(new Plots.Series("models", v.proxyErrors(), v.longErrors())),
                false,
                null));
    return m;
  }

  private static String correlation(double value, RankCorrelation.Interval interval) {
    return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", value, interval.low(), interval.high());
  }

  /** Why a difference can be within noise: how well n models pin down an EDF. */
  static String noiseReason(int n, int m) {
    return String.format(
        Locale.ROOT,
        "with %d and %d models the EDFs are known only to within %.2f and %.2f"
            + " (DKW, 95%%), so smaller differences need more models to show",
        n,
        m,
        ErrorEdf.dkwEpsilon(n, 0.05),
        ErrorEdf.dkwEpsilon(m, 0.05));
  }

  static String verdict(String a, String b, SpaceComparison c) {
    String tests =
        String.format(
            Locale.ROOT, "KS p = %.3g, Mann-Whitney p = %.3g", c.ksPValue(), c.mannWhitneyPValue());
    if (!c.significant(ALPHA)) {
      return String.format(
          Locale.ROOT,
          "%s vs %s: the difference is within noise (%s; median %+.2f, 10th percentile %+.2f"
              + " points)",
          a,
          b,
          tests,
          c.medianDifference(),
          c.p10Difference());
    }
    String better = c.medianDifference() < 0 ? a : b;
    String worse = c.medianDifference() < 0 ? b : a;
    return String.format(
        Locale.ROOT,
        "%s is better than %s: median error lower by %.2f points, 10th percentile by %.2f (%s)",
        better,
        worse,
        Math.abs(c.medianDifference()),
        Math.abs(c.p10Difference()),
        tests);
  }

  private static List<Map<String, Object>> best(SweepData s, Path out) {
    List<ModelResult> sorted = new ArrayList<>(s.done());
    sorted.sort(Comparator.comparingDouble(ModelResult::error));
    List<Map<String, Object>> rows = new ArrayList<>();
    Path reportDir = out.toAbsolutePath().getParent();
    for (int i = 0; i < Math.min(BEST_SHOWN, sorted.size()); i++) {
      ModelResult r = sorted.get(i);
      JsonNode c = SweepData.config(r);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", i + 1);
      m.put("id", r.id());
      m.put("error", fmt(r.error()));
      m.put("flops", String.format(Locale.ROOT, "%,d", r.flops()));
      m.put("params", String.format(Locale.ROOT, "%,d", r.params()));
      m.put("acts", String.format(Locale.ROOT, "%,d", r.acts()));
      m.put("depths", c.path("depths").toString());
      m.put("widths", c.path("widths").toString());
      m.put("groupWidths", c.path("groupWidths").toString());
      m.put("bottleneckRatios", c.path("bottleneckRatios").toString());
      String source = "";
      try {
        Path file =
            s.directory()
                .toAbsolutePath()
                .resolve("src/dev/designspace/models")
                .resolve(JavaNames.className(r.id()) + ".java");
        source = reportDir.relativize(file).toString();
      } catch (IllegalArgumentException e) {
        // no class name for this id: no link
      }
      m.put("source", source);
      rows.add(m);
    }
    return rows;
  }

  /**
   * Error against complexity and sampled parameters, complexity power laws, width profiles, e_fit.
   */
  private static Map<String, Object> sweepPlots(SweepData s) {
    Map<String, Object> p = new LinkedHashMap<>();
    double[] errors = s.errors();
    if (errors.length < 2) {
      return p;
    }
    List<String> scatters = new ArrayList<>();
    record Metric(String label, ToDoubleFunction<ModelResult> value, boolean logScale) {}
    List<Metric> metrics =
        List.of(
            new Metric("flops (multiply-adds)", ModelResult::flops, true),
            new Metric("params", ModelResult::params, true),
            new Metric("acts", ModelResult::acts, true),
            new Metric("training time (s)", ModelResult::trainSeconds, false));
    for (Metric m : metrics) {
      double[] x = s.metric(m.value());
      GoodRange range = GoodRange.of(x, errors, 0);
      scatters.add(
          Plots.scatter(
              "Error vs " + m.label() + " (band: good range)",
              m.label(),
              "error (%)",
              List.of(new Plots.Series(s.name(), x, errors)),
              m.logScale(),
              new double[] {range.low(), range.median(), range.high()}));
    }
    if (s.regNet()) {
      for (String field : List.of("depth", "w0", "wa", "wm")) {
        double[] x = s.config(field);
        GoodRange range = GoodRange.of(x, errors, 0);
        scatters.add(
            Plots.scatter(
                "Error vs " + field,
                field,
                "error (%)",
                List.of(new Plots.Series(s.name(), x, errors)),
                false,
                new double[] {range.low(), range.median(), range.high()}));
      }
    } else {
      int stages = SweepData.config(s.done().get(0)).path("depths").size();
      for (String list : List.of("depths", "widths")) {
        for (int i = 0; i < stages; i++) {
          final int stage = i;
          double[] x = s.metric(r -> SweepData.config(r).path(list).path(stage).asDouble());
          String label = list.substring(0, 1) + (i + 1);
          GoodRange range = GoodRange.of(x, errors, 0);
          scatters.add(
              Plots.scatter(
                  "Error vs " + label + " (" + list + " of stage " + (i + 1) + ")",
                  label,
                  "error (%)",
                  List.of(new Plots.Series(s.name(), x, errors)),
                  false,
                  new double[] {range.low(), range.median(), range.high()}));
        }
      }
      List<ModelResult> fitted =
          s.done().stream()
              .sorted(Comparator.comparingDouble(ModelResult::error))
              .limit(FIT_LIMIT)
              .toList();
      double[] efit =
          fitted.stream()
              .mapToDouble(r -> RegNetFit.fit(blockWidths(SweepData.config(r))).eFit())
              .toArray();
      double[] fitErrors = fitted.stream().mapToDouble(ModelResult::error).toArray();
      scatters.add(
          Plots.scatter(
              "Error vs RegNet fit e_fit (paper Figure 8)",
              "e_fit",
              "error (%)",
              List.of(new Plots.Series(s.name(), efit, fitErrors)),
              false,
              null));
    }
    p.put("scatters", scatters);
    double[] flops = s.metric(ModelResult::flops);
    PowerLawFit acts = PowerLawFit.of(flops, s.metric(ModelResult::acts));
    PowerLawFit params = PowerLawFit.of(flops, s.metric(ModelResult::params));
    p.put(
        "complexity",
        Plots.scatter(
            "Activations and parameters vs flops",
            "flops",
            "acts / params",
            List.of(
                new Plots.Series("acts", flops, s.metric(ModelResult::acts)),
                new Plots.Series("params", flops, s.metric(ModelResult::params))),
            true,
            null));
    p.put(
        "actsFit",
        String.format(
            Locale.ROOT,
            "acts = %.3g * flops^%.3f (R^2 %.3f)",
            acts.a(),
            acts.b(),
            acts.rSquared()));
    p.put(
        "paramsFit",
        String.format(
            Locale.ROOT,
            "params = %.3g * flops^%.3f (R^2 %.3f)",
            params.a(),
            params.b(),
            params.rSquared()));
    List<Plots.Series> profiles = new ArrayList<>();
    s.done().stream()
        .sorted(Comparator.comparingDouble(ModelResult::error))
        .limit(5)
        .forEach(
            r -> {
              List<Integer> widths = blockWidths(SweepData.config(r));
              double[] x = new double[widths.size()];
              double[] y = new double[widths.size()];
              for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
                y[i] = widths.get(i);
              }
              profiles.add(new Plots.Series(r.id() + " (" + fmt(r.error()) + "%)", x, y));
            });
    p.put(
        "profiles",
        Plots.lines("Per-block widths of the best models", "block", "width", profiles, false));
    return p;
  }

  static List<Integer> blockWidths(JsonNode config) {
    List<Integer> widths = new ArrayList<>();
    for (int i = 0; i < config.path("depths").size(); i++) {
      for (int j = 0; j < config.path("depths").get(i).asInt(); j++) {
        widths.add(config.path("widths").get(i).asInt());
      }
    }
    return widths;
  }

  private static String csv(List<SweepData> sweeps) {
    StringBuilder sb = new StringBuilder();
    boolean header = true;
    for (SweepData s : sweeps) {
      String[] lines = dev.designspace.runtime.sweep.SweepCollector.csvOf(s.all()).split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (i == 0) {
          if (header) {
            sb.append("sweep,").append(lines[0]).append('\n');
            header = false;
          }
          continue;
        }
        sb.append('"')
            .append(s.name().replace("\"", "\"\""))
            .append("\",")
            .append(lines[i])
            .append('\n');
      }
    }
    return sb.toString();
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static double[] reversed(double[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[a.length - 1 - i];
    }
    return out;
  }

  static String fmt(double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }
}
