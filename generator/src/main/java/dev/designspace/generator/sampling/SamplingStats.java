package dev.designspace.generator.sampling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a sampling run went: candidates drawn, and how many survived each check in the order the
 * checks run.
 *
 * @param passed check name (e.g. {@code stages}, {@code flops}) to the number of candidates that
 *     passed it
 * @param entered check name to the number of candidates that reached it
 */
public record SamplingStats(
    long candidates, int accepted, Map<String, Long> entered, Map<String, Long> passed) {

  public SamplingStats {
    entered = Collections.unmodifiableMap(new LinkedHashMap<>(entered));
    passed = Collections.unmodifiableMap(new LinkedHashMap<>(passed));
  }

  public long rejectedBy(String check) {
    return entered.getOrDefault(check, 0L) - passed.getOrDefault(check, 0L);
  }

  /** The check that rejected the most candidates, if any rejected one. */
  public Optional<String> worstCheck() {
    String worst = null;
    long most = 0;
    for (String check : entered.keySet()) {
      long r = rejectedBy(check);
      if (r > most) {
        most = r;
        worst = check;
      }
    }
    return Optional.ofNullable(worst);
  }

  /**
   * The check that let the smallest share through: the binding constraint. It differs from {@link
   * #worstCheck()} when an early check sees many more candidates than a later one.
   */
  public Optional<String> mostSelectiveCheck() {
    String most = null;
    double lowest = 1.0;
    for (String check : entered.keySet()) {
      long in = entered.get(check);
      if (in > 0) {
        double rate = (double) passed.getOrDefault(check, 0L) / in;
        if (rate < lowest) {
          lowest = rate;
          most = check;
        }
      }
    }
    return Optional.ofNullable(most);
  }

  public double acceptanceRate() {
    return candidates == 0 ? 0 : (double) accepted / candidates;
  }
}
