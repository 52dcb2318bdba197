package dev.designspace.runtime.study;

import dev.designspace.runtime.analysis.ProgressionStep;
import java.nio.file.Path;
import java.util.List;

/** A finished study: its sweeps, its report, and each step of the progression as measured. */
public record StudyResult(
    List<Path> sweeps, Path report, List<ProgressionStep.Outcome> steps, List<String> summary) {
  public StudyResult {
    sweeps = List.copyOf(sweeps);
    steps = List.copyOf(steps);
    summary = List.copyOf(summary);
  }
}
