package dev.designspace.runtime.sequential;

import dev.designspace.runtime.report.ReportOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A sequential run that stopped: its sweeps, the verdict of each question as the run reached it,
 * and what it did in sentences (for the report's summary).
 *
 * @param stopped {@code decided}, {@code max-models} or {@code budget}
 * @param looks looks made, over all runs of it
 */
public record SequentialResult(
    List<Path> sweeps,
    List<ReportOptions.Decided> decided,
    List<String> notes,
    String stopped,
    int looks) {
  public SequentialResult {
    sweeps = List.copyOf(sweeps);
    decided = List.copyOf(decided);
    notes = List.copyOf(notes);
  }
}
