package dev.designspace.runtime.cli;

import dev.designspace.runtime.sequential.CompareRequest;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The schedule of a run until decided: its first look, rounds, most models and budget. */
final class SequentialOptions {
  @Option(
      names = "--first-look",
      paramLabel = "N",
      defaultValue = "8",
      description = "Models per space at the first look (default: ${DEFAULT-VALUE}).")
  int firstLook;

  @Option(
      names = "--round",
      paramLabel = "N",
      defaultValue = "4",
      description = "Models added per space between looks (default: ${DEFAULT-VALUE}).")
  int round;

  @Option(
      names = "--max-models",
      paramLabel = "N",
      defaultValue = "32",
      description = "Most models per space: the last look (default: ${DEFAULT-VALUE}).")
  int maxModels;

  @Option(
      names = "--budget",
      paramLabel = "TIME",
      converter = OptionValues.Durations.class,
      description =
          "Wall time the run may take, e.g. 15m, 1h30m (it stops before a round that would end"
              + " after it; rerunning continues).")
  Duration budget;

  /** The schedule, with {@code defaultBudget} where no --budget was given (null: none). */
  CompareRequest.Schedule schedule(Duration defaultBudget) {
    return new CompareRequest.Schedule(
        firstLook, round, maxModels, Optional.ofNullable(budget != null ? budget : defaultBudget));
  }
}
