package dev.designspace.runtime.sequential;

import dev.designspace.command.BadInputException;
import dev.designspace.runtime.report.ReportOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Two or more design spaces compared, each sweep in {@code out/<spec file name>}, the report in
 * {@code out/report.html}: either {@code count} models each, or run until decided.
 *
 * @param specs the spaces; each later one is compared with the first (b against a)
 * @param count models per space when not run until decided
 * @param schedule the looks when run until decided; empty: {@code count} models each
 */
public record CompareRequest(
    List<Path> specs,
    int count,
    long seed,
    Path out,
    int workers,
    int threadsPerWorker,
    List<String> trainArguments,
    Optional<Schedule> schedule,
    ReportOptions report) {

  /** When a run until decided looks, and when it stops at the latest. */
  public record Schedule(int firstLook, int round, int maxModels, Optional<Duration> budget) {
    public Schedule {
      Objects.requireNonNull(budget, "budget");
      SequentialRequest.checkSchedule(firstLook, round, maxModels, budget);
    }
  }

  public CompareRequest {
    specs = List.copyOf(specs);
    trainArguments = List.copyOf(trainArguments);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(report, "report");
    if (specs.size() < 2) {
      throw new BadInputException("compare at least 2 design spaces, got " + specs.size());
    }
    requireDistinctSweeps(specs);
    if (schedule.isEmpty() && count < 2) {
      throw new BadInputException("comparing spaces needs at least 2 models each, got -n " + count);
    }
  }

  /** The sweep directory of a spec: its file name without .yaml. */
  public Path sweepDirectory(Path spec) {
    return out.resolve(sweepName(spec));
  }

  /** The name of a spec's sweep under --out: its file name without .yaml. */
  public static String sweepName(Path spec) {
    return spec.getFileName().toString().replaceFirst("\\.ya?ml$", "");
  }

  /** Each space is a sweep in --out named for its spec file, so two specs cannot share a name. */
  public static void requireDistinctSweeps(List<Path> specs) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Path spec : specs) {
      if (!seen.add(sweepName(spec))) {
        throw new BadInputException(
            "two of the specs are named "
                + spec.getFileName()
                + ": each space trains into --out/"
                + sweepName(spec)
                + ", so give each spec file its own name");
      }
    }
  }
}
