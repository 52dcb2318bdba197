package dev.designspace.runtime.report;

import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.sweep.SweepCollector;
import java.util.List;

/**
 * {@code models.csv}: every model of every sweep, a sweep's {@code sweep.csv} columns after its
 * name.
 */
final class ModelsCsv {
  private ModelsCsv() {}

  static String of(List<SweepData> sweeps) {
    StringBuilder sb = new StringBuilder("sweep,").append(SweepCollector.CSV_HEADER).append('\n');
    for (SweepData s : sweeps) {
      String name = SweepCollector.csvQuote(s.label());
      for (ModelResult r : s.all()) {
        sb.append(name).append(',').append(SweepCollector.csvRow(r)).append('\n');
      }
    }
    return sb.toString();
  }
}
