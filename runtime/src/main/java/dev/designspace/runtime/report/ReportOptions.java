package dev.designspace.runtime.report;

import dev.designspace.command.BadInputException;
import dev.designspace.runtime.analysis.SpaceVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a report compares its sweeps.
 *
 * @param margin points of error within which one space counts as no worse than, or as good as,
 *     another
 * @param goodThreshold the error (%) a good model reaches, for the fraction of good models; NaN:
 *     the 25th percentile of the two spaces' errors pooled
 * @param complexity the measure the normalised EDFs bin by
 * @param notes lines about how the sweeps were run (a sequential run's looks), shown at the top
 * @param decided verdicts a sequential run reached at one of its looks: they stand for their pair
 *     in the report instead of a verdict read from all the models
 * @param labels what the user calls sweeps, by their position in the report; the others are
 *     labelled by {@link SweepLabels}
 * @param filter keeps only the models in a complexity range; empty: every model
 * @param split a parameter each sweep is split by, one EDF per value ({@link SweepSplit}); empty:
 *     none
 * @param template the user's template the HTML is rendered with; empty: the built-in one
 */
public record ReportOptions(
    double margin,
    double goodThreshold,
    Complexity complexity,
    List<String> notes,
    List<Decided> decided,
    Map<Integer, String> labels,
    java.util.Optional<ModelFilter> filter,
    java.util.Optional<String> split,
    java.util.Optional<ReportTemplate> template) {

  public static final ReportOptions DEFAULTS =
      new ReportOptions(
          SpaceVerdict.DEFAULT_MARGIN,
          Double.NaN,
          Complexity.FLOPS,
          List.of(),
          List.of(),
          Map.of(),
          java.util.Optional.empty(),
          java.util.Optional.empty(),
          java.util.Optional.empty());

  /**
   * The verdict of space b against space a as a sequential run reached it.
   *
   * @param how when and why, e.g. "decided at look 3 of 5, 16 models per space, level 0.0061"
   */
  public record Decided(String a, String b, SpaceVerdict verdict, String how) {}

  public ReportOptions(double margin, double goodThreshold, Complexity complexity) {
    this(
        margin,
        goodThreshold,
        complexity,
        List.of(),
        List.of(),
        Map.of(),
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  public ReportOptions {
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new BadInputException("--margin must be a number >= 0, got " + margin);
    }
    if (!Double.isNaN(goodThreshold) && !(goodThreshold > 0)) {
      throw new BadInputException("--good must be an error > 0, got " + goodThreshold);
    }
    notes = List.copyOf(notes);
    decided = List.copyOf(decided);
    Map<Integer, String> stripped = new LinkedHashMap<>();
    labels.forEach(
        (position, label) -> {
          if (label.isBlank()) {
            throw new BadInputException("the label of sweep " + position + " is empty");
          }
          stripped.put(position, label.strip());
        });
    labels = java.util.Collections.unmodifiableMap(stripped);
  }

  /** These options with a sequential run's notes and verdicts. */
  public ReportOptions withSequential(List<String> lines, List<Decided> verdicts) {
    return new ReportOptions(
        margin, goodThreshold, complexity, lines, verdicts, labels, filter, split, template);
  }

  /** These options with the user's labels of sweeps, by their position in the report. */
  public ReportOptions withLabels(Map<Integer, String> labels) {
    return new ReportOptions(
        margin, goodThreshold, complexity, notes, decided, labels, filter, split, template);
  }

  /** These options keeping only the models {@code filter} keeps, split by {@code split}. */
  public ReportOptions withSelection(
      java.util.Optional<ModelFilter> filter, java.util.Optional<String> split) {
    return new ReportOptions(
        margin, goodThreshold, complexity, notes, decided, labels, filter, split, template);
  }

  /** These options rendering the HTML with {@code template} instead of the built-in one. */
  public ReportOptions withTemplate(java.util.Optional<ReportTemplate> template) {
    return new ReportOptions(
        margin, goodThreshold, complexity, notes, decided, labels, filter, split, template);
  }

  /** The sequential verdict of b against a, if the run reached one. */
  java.util.Optional<Decided> decided(String a, String b) {
    return decided.stream().filter(d -> d.a().equals(a) && d.b().equals(b)).findFirst();
  }

  /** A complexity measure of a model. */
  public enum Complexity {
    FLOPS,
    PARAMS,
    ACTS;

    public String externalName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The measure a command line names ({@code flops}, {@code params}, {@code acts}). */
    public static java.util.Optional<Complexity> byName(String name) {
      for (Complexity c : values()) {
        if (c.externalName().equals(name.trim().toLowerCase(Locale.ROOT))) {
          return java.util.Optional.of(c);
        }
      }
      return java.util.Optional.empty();
    }

    /** This measure of a model. */
    public double of(dev.designspace.runtime.runfiles.ModelResult r) {
      return switch (this) {
        case FLOPS -> r.flops();
        case PARAMS -> r.params();
        case ACTS -> r.acts();
      };
    }
  }
}
