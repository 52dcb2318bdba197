package dev.designspace.runtime.report;

import dev.designspace.runtime.analysis.ComplexityNormalisation;
import dev.designspace.runtime.analysis.ErrorEdf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every EDF a report draws, as data ({@code edfs.json}), so that a user can plot them again: per
 * sweep its models' errors in ascending order with the EDF's height after each, raw and normalised
 * (with each model's weight), and the shared complexity range and bin edges.
 */
final class EdfData {
  private EdfData() {}

  static Map<String, Object> of(ReportAnalysis analysis) {
    Map<String, Object> json = new LinkedHashMap<>();
    analysis
        .normalisation()
        .ifPresent(
            n -> {
              Map<String, Object> shared = new LinkedHashMap<>();
              shared.put("complexity", analysis.options().complexity().externalName());
              shared.put("low", n.low());
              shared.put("high", n.high());
              shared.put("bins", n.bins());
              shared.put("edges", n.edges());
              json.put("normalisation", shared);
            });
    List<Map<String, Object>> sweeps = new ArrayList<>();
    for (SweepAnalysis s : analysis.sweeps()) {
      if (s.edf().isEmpty()) {
        continue;
      }
      Map<String, Object> sweep = new LinkedHashMap<>();
      sweep.put("name", s.data().name());
      sweep.put("label", s.data().label());
      sweep.put("directory", s.data().directory().toString());
      sweep.put("raw", steps(s.edf().get()));
      if (analysis.normalisation().isPresent()) {
        ComplexityNormalisation n = analysis.normalisation().get();
        double[] weights = analysis.normalisedWeights(s);
        Map<String, Object> normalised = steps(ReportFigures.normalisedEdf(analysis, s));
        List<Map<String, Object>> models = new ArrayList<>();
        double[] errors = s.data().errors();
        double[] complexity = ReportAnalysis.complexity(s.data(), analysis.options());
        for (int i = 0; i < errors.length; i++) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", s.data().done().get(i).id());
          m.put("error", errors[i]);
          m.put(analysis.options().complexity().externalName(), complexity[i]);
          m.put("bin", ComplexityNormalisation.bin(complexity[i], n.low(), n.high(), n.bins()));
          m.put("weight", weights[i]);
          models.add(m);
        }
        normalised.put("models", models);
        sweep.put("normalised", normalised);
      }
      sweeps.add(sweep);
    }
    json.put("sweeps", sweeps);
    if (!analysis.trends().isEmpty()) {
      List<Map<String, Object>> trends = new ArrayList<>();
      for (SettingTrend t : analysis.trends()) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (SettingTrend.Point p : t.points()) {
          Map<String, Object> point = new LinkedHashMap<>();
          point.put("label", p.label());
          point.put("value", p.value());
          point.put("median", p.median());
          point.put("p10", p.p10());
          point.put("p90", p.p90());
          point.put("models", p.models());
          points.add(point);
        }
        Map<String, Object> trend = new LinkedHashMap<>();
        trend.put("space", t.space());
        trend.put("setting", t.setting());
        trend.put("points", points);
        trends.add(trend);
      }
      json.put("trends", trends);
    }
    return json;
  }

  private static Map<String, Object> steps(ErrorEdf edf) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("errors", edf.sortedErrors());
    m.put("heights", edf.stepHeights());
    return m;
  }
}
