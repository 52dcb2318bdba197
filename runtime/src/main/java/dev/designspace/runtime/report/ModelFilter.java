package dev.designspace.runtime.report;

import dev.designspace.command.BadInputException;
import dev.designspace.runtime.runfiles.ModelResult;

/**
 * Keeps the models whose complexity lies in a range, as pycls's sweep analysis filters a sweep:
 * {@code flops=5e6:10e6}, {@code acts=:200000}, {@code params=1e5:}.
 *
 * @param low inclusive; 0 for none
 * @param high inclusive; infinity for none
 */
public record ModelFilter(ReportOptions.Complexity measure, double low, double high) {
  public ModelFilter {
    if (!(low >= 0) || !(high >= low)) {
      throw new BadInputException(
          "a filter's range must run from a low >= 0 up to a high, got " + low + ":" + high);
    }
  }

  /**
   * @throws IllegalArgumentException for anything but MEASURE=LOW:HIGH (either side may be empty)
   */
  public static ModelFilter parse(String text) {
    String[] parts = text.trim().split("=", 2);
    String[] range = parts.length == 2 ? parts[1].split(":", -1) : new String[0];
    if (range.length != 2) {
      throw new BadInputException(
          "--filter is MEASURE=LOW:HIGH with MEASURE flops, params or acts (either bound may be"
              + " left out: flops=:10e6), got '"
              + text
              + "'");
    }
    ReportOptions.Complexity measure =
        ReportOptions.Complexity.byName(parts[0])
            .orElseThrow(
                () ->
                    new BadInputException(
                        "--filter measures flops, params or acts, got '" + parts[0] + "'"));
    try {
      double low = range[0].isBlank() ? 0 : Double.parseDouble(range[0].trim());
      double high =
          range[1].isBlank() ? Double.POSITIVE_INFINITY : Double.parseDouble(range[1].trim());
      return new ModelFilter(measure, low, high);
    } catch (NumberFormatException e) {
      throw new BadInputException(
          "--filter bounds are numbers such as 5e6, got '" + parts[1] + "'");
    }
  }

  boolean keeps(ModelResult r) {
    double v = measure.of(r);
    return v >= low && v <= high;
  }

  /** As a report says it: "flops 5M to 10M". */
  String words() {
    return measure.externalName()
        + " "
        + (low > 0 ? ReportAnalysis.compact(low) : "0")
        + " to "
        + (Double.isInfinite(high) ? "any" : ReportAnalysis.compact(high));
  }
}
