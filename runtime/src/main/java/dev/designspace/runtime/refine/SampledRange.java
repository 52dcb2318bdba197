package dev.designspace.runtime.refine;

import dev.designspace.generator.random.Distribution;
import dev.designspace.generator.random.Quantum;
import dev.designspace.generator.text.SpecNumbers;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parameter's distribution in a spec, as far as refinement restricts it: {@code uniform} and
 * {@code log_uniform} (an interval [low, high] in steps of q) and {@code choice} (a list of
 * values). Other distributions and fixed values are left alone.
 *
 * @param values the choices; empty for an interval
 */
record SampledRange(String dist, double low, double high, double q, List<Double> values) {
  private static final double TOLERANCE = 1e-9;

  SampledRange {
    values = List.copyOf(values);
  }

  /** The range of a parameter's distribution, if it is one refinement can restrict. */
  static Optional<SampledRange> of(Distribution distribution) {
    if (distribution instanceof Distribution.Choice choice) {
      List<Double> values = choice.values();
      if (values.size() < 2) {
        return Optional.empty();
      }
      return Optional.of(
          new SampledRange(
              distribution.externalName(),
              values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
              values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
              0,
              values));
    }
    if (distribution instanceof Distribution.Uniform
        || distribution instanceof Distribution.LogUniform) {
      Distribution.Quantized q = (Distribution.Quantized) distribution;
      return Optional.of(
          new SampledRange(distribution.externalName(), q.low(), q.high(), q.q(), List.of()));
    }
    return Optional.empty();
  }

  boolean isChoice() {
    return dist.equals("choice");
  }

  /**
   * This distribution kept to [from, to]: an interval's ends moved outwards to multiples of q (so
   * the spec loader accepts them) and clipped to this range; a choice keeps the values inside.
   */
  SampledRange restrictedTo(double from, double to) {
    if (isChoice()) {
      List<Double> kept =
          values.stream().filter(v -> v >= from - TOLERANCE && v <= to + TOLERANCE).toList();
      if (kept.isEmpty()) {
        // the interval fell between two choices: keep the nearest one
        double middle = (from + to) / 2;
        kept =
            List.of(
                values.stream()
                    .min((a, b) -> Double.compare(Math.abs(a - middle), Math.abs(b - middle)))
                    .orElseThrow());
      }
      return new SampledRange(dist, kept.get(0), kept.get(kept.size() - 1), 0, kept);
    }
    Quantum quantum = Quantum.of(q);
    double newLow = Math.max(low, quantum.times(Math.floor(from / q + TOLERANCE)));
    double newHigh = Math.min(high, quantum.times(Math.ceil(to / q - TOLERANCE)));
    return new SampledRange(dist, newLow, Math.max(newLow, newHigh), q, List.of());
  }

  /**
   * The share of this range that {@code narrower} leaves out: of the values for a choice, of the
   * grid points for {@code uniform}, of the log-interval for {@code log_uniform}.
   */
  double excludedBy(SampledRange narrower) {
    if (isChoice()) {
      return 1 - (double) narrower.values.size() / values.size();
    }
    if (dist.equals("log_uniform")) {
      double all = Math.log(high) - Math.log(low);
      return all > 0 ? 1 - (Math.log(narrower.high) - Math.log(narrower.low)) / all : 0;
    }
    return 1 - ((narrower.high - narrower.low) / q + 1) / ((high - low) / q + 1);
  }

  boolean contains(double v) {
    if (isChoice()) {
      return values.stream().anyMatch(c -> Math.abs(c - v) <= TOLERANCE * Math.max(1, c));
    }
    return v >= low - TOLERANCE && v <= high + TOLERANCE;
  }

  /** As a spec writes it, e.g. {@code {dist: log_uniform, low: 1.5, high: 2, q: 0.001}}. */
  String yaml() {
    if (isChoice()) {
      return "{dist: choice, values: [" + list() + "]}";
    }
    return "{dist: "
        + dist
        + ", low: "
        + SpecNumbers.format(low)
        + ", high: "
        + SpecNumbers.format(high)
        + ", q: "
        + SpecNumbers.format(q)
        + "}";
  }

  /** For people: {@code [1.5, 3]} or <code>{1, 2, 4}</code>. */
  String describe() {
    return isChoice()
        ? "{" + list() + "}"
        : "[" + SpecNumbers.format(low) + ", " + SpecNumbers.format(high) + "]";
  }

  private String list() {
    return values.stream().map(SpecNumbers::format).collect(Collectors.joining(", "));
  }
}
