package dev.designspace.runtime.report;

import dev.designspace.runtime.analysis.ErrorEdf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Error against a training setting, across the sweeps of one space that differ in that setting
 * alone (the epochs, the learning rate, the weight decay): at each value the median error and its
 * 10th to 90th percentile, as pycls's sweep analysis draws a sweep's trend.
 *
 * @param space the space's name
 * @param setting the setting's name, e.g. {@code lr}
 * @param points one per sweep, by increasing value
 * @param logX whether the values span a factor of 10 or more (all positive): a log axis then
 * @param colour the index of the space's first sweep: the trend takes its colour
 */
record SettingTrend(String space, String setting, List<Point> points, boolean logX, int colour) {
  /**
   * A sweep's errors at one value of the setting.
   *
   * @param shown the setting and its value as the report writes them, e.g. {@code lr 0.2}
   */
  record Point(
      String label, double value, String shown, double median, double p10, double p90, int models) {
    /** What hovering the point says. */
    String title() {
      return String.format(
          Locale.ROOT,
          "%s: median %.2f%%, 10th-90th percentile %.2f-%.2f%%, %d models",
          shown,
          median,
          p10,
          p90,
          models);
    }
  }

  SettingTrend {
    points = List.copyOf(points);
  }

  /** The trend in a sentence: the median error at each value. */
  String sentence() {
    List<String> at = new ArrayList<>();
    for (Point p : points) {
      at.add(String.format(Locale.ROOT, "%.2f%% at %s", p.median(), p.shown()));
    }
    return space + ", median error by " + setting + ": " + String.join(", ", at);
  }

  /**
   * The trends of a report: for each space with two or more sweeps that differ in one continuous
   * setting and nothing else, each at its own value and each with a finished model.
   */
  static List<SettingTrend> of(List<SweepAnalysis> sweeps) {
    Map<String, List<SweepAnalysis>> byName = new LinkedHashMap<>();
    for (SweepAnalysis s : sweeps) {
      byName.computeIfAbsent(s.data().name(), k -> new ArrayList<>()).add(s);
    }
    List<SettingTrend> trends = new ArrayList<>();
    for (Map.Entry<String, List<SweepAnalysis>> e : byName.entrySet()) {
      List<SweepAnalysis> group = e.getValue();
      if (group.size() < 2 || group.stream().anyMatch(s -> s.edf().isEmpty())) {
        continue;
      }
      List<String> differing =
          SweepSettings.differing(group.stream().map(s -> s.data().settings()).toList());
      if (differing.size() != 1) {
        continue;
      }
      String setting = differing.get(0);
      if (!SweepSettings.continuous(setting)) {
        continue; // replicates under other seeds are not a trend
      }
      List<Point> points = new ArrayList<>();
      for (SweepAnalysis s : group) {
        OptionalDouble value = s.data().settings().number(setting);
        if (value.isEmpty()) {
          break;
        }
        ErrorEdf edf = s.edf().get();
        points.add(
            new Point(
                s.data().label(),
                value.getAsDouble(),
                setting + " " + s.data().settings().values().get(setting),
                edf.quantile(0.5),
                edf.quantile(0.1),
                edf.quantile(0.9),
                edf.size()));
      }
      if (points.size() != group.size()) {
        continue; // a value that is not a number, or mixed values within a sweep
      }
      if (points.stream().mapToDouble(Point::value).distinct().count() != points.size()) {
        continue; // two sweeps at one value: replicates, not a trend
      }
      points.sort(Comparator.comparingDouble(Point::value));
      double low = points.get(0).value();
      double high = points.get(points.size() - 1).value();
      trends.add(
          new SettingTrend(
              e.getKey(), setting, points, low > 0 && high / low >= 10, group.get(0).index()));
    }
    return trends;
  }
}
