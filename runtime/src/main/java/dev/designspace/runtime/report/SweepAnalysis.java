package dev.designspace.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.designspace.generator.fit.RegNetFit;
import dev.designspace.runtime.analysis.ErrorEdf;
import dev.designspace.runtime.analysis.GoodRange;
import dev.designspace.runtime.analysis.PowerLawFit;
import dev.designspace.runtime.analysis.RandomSearchEfficiency;
import dev.designspace.runtime.analysis.RuntimeFit;
import dev.designspace.runtime.runfiles.ModelResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * What the report measures of one sweep: its error EDF, search efficiency, error against each
 * complexity measure and sampled parameter with its good range, and complexity power laws. Empty
 * parts where too few models finished.
 *
 * @param index the sweep's place in the report, which picks its colour
 * @param slug the sweep's name as a file name part, unique within the report
 */
record SweepAnalysis(
    SweepData data,
    int index,
    String slug,
    Optional<ErrorEdf> edf,
    Optional<Efficiency> efficiency,
    List<Effect> effects,
    Optional<Complexity> complexity,
    List<ModelResult> best,
    Optional<Runtime> runtime) {

  static final int BEST_SHOWN = 10;
  private static final int FIT_LIMIT = 200;

  SweepAnalysis {
    effects = List.copyOf(effects);
    best = List.copyOf(best);
  }

  /** Expected best error of m models drawn at random, and its 25th to 75th percentile. */
  record Efficiency(double[] models, double[] expected, double[] low, double[] high) {}

  /**
   * Error against one quantity.
   *
   * @param key short name, used in file names (flops, wm, d1, efit, ...)
   * @param range the bootstrap good range, or null where the quantity has none (e_fit)
   */
  record Effect(
      String key,
      String label,
      String title,
      boolean log,
      double[] x,
      double[] errors,
      GoodRange range,
      List<String> models) {}

  /** The measured models' inference times against flops and activations, and the fits. */
  record Runtime(
      double[] flops, double[] acts, double[] millis, List<String> models, RuntimeFit fit) {}

  /** Activations and parameters against flops, with their power-law fits. */
  record Complexity(
      double[] flops, double[] acts, double[] params, PowerLawFit actsFit, PowerLawFit paramsFit) {}

  static SweepAnalysis of(SweepData s, int index, String slug) {
    double[] errors = s.errors();
    List<ModelResult> best =
        s.done().stream()
            .sorted(Comparator.comparingDouble(ModelResult::error))
            .limit(BEST_SHOWN)
            .toList();
    if (errors.length == 0) {
      return new SweepAnalysis(
          s,
          index,
          slug,
          Optional.empty(),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          best,
          Optional.empty());
    }
    List<Effect> effects = errors.length < 2 ? List.of() : effects(s, errors);
    Optional<Complexity> complexity = Optional.empty();
    if (errors.length >= 2) {
      double[] flops = s.metric(ModelResult::flops);
      double[] acts = s.metric(ModelResult::acts);
      double[] params = s.metric(ModelResult::params);
      complexity =
          Optional.of(
              new Complexity(
                  flops, acts, params, PowerLawFit.of(flops, acts), PowerLawFit.of(flops, params)));
    }
    return new SweepAnalysis(
        s,
        index,
        slug,
        Optional.of(ErrorEdf.of(errors)),
        Optional.of(efficiency(errors)),
        effects,
        complexity,
        best,
        runtime(s));
  }

  /** The inference times of the models that have one, fitted; empty below the fit's minimum. */
  private static Optional<Runtime> runtime(SweepData s) {
    List<ModelResult> timed = s.done().stream().filter(r -> r.inference() != null).toList();
    if (timed.size() < RuntimeFit.MIN_MODELS) {
      return Optional.empty();
    }
    double[] flops = timed.stream().mapToDouble(ModelResult::flops).toArray();
    double[] acts = timed.stream().mapToDouble(ModelResult::acts).toArray();
    double[] millis = timed.stream().mapToDouble(r -> r.inference().millis()).toArray();
    List<String> models =
        timed.stream()
            .map(
                r ->
                    String.format(
                        java.util.Locale.ROOT,
                        "%s: %.3f ms per %d images, %,d flops, %,d acts",
                        r.id(),
                        r.inference().millis(),
                        r.inference().batch(),
                        r.flops(),
                        r.acts()))
            .toList();
    return Optional.of(
        new Runtime(flops, acts, millis, models, RuntimeFit.of(flops, acts, millis)));
  }

  /** m = 1, 2, 3, 4, then growing by half, up to the sweep's size. */
  private static Efficiency efficiency(double[] errors) {
    RandomSearchEfficiency rse = new RandomSearchEfficiency(errors);
    List<Integer> ms = new ArrayList<>();
    for (int m = 1; m <= errors.length; m = m < 4 ? m + 1 : (int) Math.ceil(m * 1.5)) {
      ms.add(m);
    }
    int n = ms.size();
    double[] x = new double[n];
    double[] expected = new double[n];
    double[] low = new double[n];
    double[] high = new double[n];
    for (int i = 0; i < n; i++) {
      int m = ms.get(i);
      x[i] = m;
      expected[i] = rse.expectedBest(m);
      low[i] = rse.quantileOfBest(m, 0.25);
      high[i] = rse.quantileOfBest(m, 0.75);
    }
    return new Efficiency(x, expected, low, high);
  }

  private static List<Effect> effects(SweepData s, double[] errors) {
    record Metric(String key, String label, ToDoubleFunction<ModelResult> value, boolean log) {}
    List<Effect> effects = new ArrayList<>();
    for (Metric m :
        List.of(
            new Metric("flops", "flops (multiply-adds)", ModelResult::flops, true),
            new Metric("params", "params", ModelResult::params, true),
            new Metric("acts", "acts", ModelResult::acts, true),
            new Metric(
                "time",
                "training time (s)",
                r -> r.trainSeconds() == null ? Double.NaN : r.trainSeconds(),
                false))) {
      effects.add(
          effect(
              s,
              m.key(),
              m.label(),
              "Error vs " + m.label(),
              m.log(),
              s.metric(m.value()),
              errors));
    }
    if (s.regNet()) {
      for (String field : List.of("depth", "w0", "wa", "wm")) {
        effects.add(effect(s, field, field, "Error vs " + field, false, s.config(field), errors));
      }
      return effects;
    }
    int stages = SweepData.config(s.done().get(0)).path("depths").size();
    for (String list : List.of("depths", "widths")) {
      for (int i = 0; i < stages; i++) {
        final int stage = i;
        String key = list.substring(0, 1) + (i + 1);
        effects.add(
            effect(
                s,
                key,
                key,
                "Error vs "
                    + key
                    + " ("
                    + list.substring(0, list.length() - 1)
                    + " of stage "
                    + (i + 1)
                    + ")",
                false,
                s.metric(r -> SweepData.config(r).path(list).path(stage).asDouble()),
                errors));
      }
    }
    // a result written by hand or by a launcher that could not build the model has no structure
    List<ModelResult> fitted =
        s.done().stream()
            .filter(r -> !blockWidths(SweepData.config(r)).isEmpty())
            .sorted(Comparator.comparingDouble(ModelResult::error))
            .limit(FIT_LIMIT)
            .toList();
    effects.add(
        new Effect(
            "efit",
            "e_fit",
            "Error vs RegNet fit e_fit",
            false,
            fitted.stream()
                .mapToDouble(r -> RegNetFit.fit(blockWidths(SweepData.config(r))).eFit())
                .toArray(),
            fitted.stream().mapToDouble(ModelResult::error).toArray(),
            null,
            fitted.stream().map(SweepAnalysis::hover).toList()));
    return effects;
  }

  private static Effect effect(
      SweepData s,
      String key,
      String label,
      String title,
      boolean log,
      double[] x,
      double[] errors) {
    return new Effect(
        key,
        label,
        title,
        log,
        x,
        errors,
        GoodRange.of(x, errors, 0),
        s.done().stream().map(SweepAnalysis::hover).toList());
  }

  /** What hovering over a model's point shows: its id, error, flops and params. */
  static String hover(ModelResult r) {
    return String.format(
        java.util.Locale.ROOT,
        "%s: error %.2f%%, %,d flops, %,d params",
        r.id(),
        r.error(),
        r.flops(),
        r.params());
  }

  /** Each block's width, in order: a stage's width repeated for each of its blocks. */
  static List<Integer> blockWidths(JsonNode config) {
    List<Integer> widths = new ArrayList<>();
    for (int i = 0; i < config.path("depths").size(); i++) {
      for (int j = 0; j < config.path("depths").get(i).asInt(); j++) {
        widths.add(config.path("widths").get(i).asInt());
      }
    }
    return widths;
  }
}
