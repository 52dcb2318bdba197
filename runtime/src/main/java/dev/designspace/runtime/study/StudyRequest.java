package dev.designspace.runtime.study;

import dev.designspace.command.BadInputException;
import dev.designspace.runtime.analysis.ProgressionStep;
import dev.designspace.runtime.report.ReportOptions;
import dev.designspace.runtime.sequential.CompareRequest;
import dev.designspace.runtime.sweep.ProxyCheck;
import dev.designspace.runtime.sweep.TrainArguments;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One study.
 *
 * @param specs the design spaces in the order of the progression (AnyNetXA ... RegNetX)
 * @param count models sampled per space
 * @param seed sampling seed of every space (and of the proxy check's choice)
 * @param out holds one sweep directory per space and {@code report.html}
 * @param trainArguments train options applied to every model of every space
 * @param checkProxy models of every space trained again for the proxy check (0: none)
 * @param checkEpochs epochs of those longer runs
 * @param schedule the looks of a study run until decided; empty: {@code count} models per space
 * @param report how the report compares the spaces (the margin, ...)
 * @param spaceArguments per space, train options set over {@code trainArguments} (a study file's
 *     {@code train:}); empty: none for any space
 * @param steps the comparisons, each with what the paper found; empty: the section-3 progression of
 *     {@link Study#steps}
 */
public record StudyRequest(
    List<Path> specs,
    int count,
    long seed,
    Path out,
    int workers,
    int threadsPerWorker,
    List<String> trainArguments,
    int checkProxy,
    int checkEpochs,
    Optional<CompareRequest.Schedule> schedule,
    ReportOptions report,
    List<List<String>> spaceArguments,
    List<ProgressionStep> steps) {

  /** A study of these specs compared as the section-3 progression is. */
  public StudyRequest(
      List<Path> specs,
      int count,
      long seed,
      Path out,
      int workers,
      int threadsPerWorker,
      List<String> trainArguments,
      int checkProxy,
      int checkEpochs,
      Optional<CompareRequest.Schedule> schedule,
      ReportOptions report) {
    this(
        specs,
        count,
        seed,
        out,
        workers,
        threadsPerWorker,
        trainArguments,
        checkProxy,
        checkEpochs,
        schedule,
        report,
        List.of(),
        List.of());
  }

  /** The most epochs any space of the study trains for. */
  public static int longestEpochs(List<String> trainArguments, List<List<String>> spaceArguments) {
    int longest = ProxyCheck.epochsOf(trainArguments);
    for (List<String> own : spaceArguments) {
      longest =
          Math.max(longest, ProxyCheck.epochsOf(TrainArguments.overriddenBy(trainArguments, own)));
    }
    return longest;
  }

  /** The train options of space {@code i}: the study's, with the space's own set over them. */
  public List<String> trainArguments(int i) {
    return spaceArguments.isEmpty()
        ? trainArguments
        : TrainArguments.overriddenBy(trainArguments, spaceArguments.get(i));
  }

  /** A study of {@code count} models per space, compared with the report's defaults. */
  public StudyRequest(
      List<Path> specs,
      int count,
      long seed,
      Path out,
      int workers,
      int threadsPerWorker,
      List<String> trainArguments,
      int checkProxy,
      int checkEpochs) {
    this(
        specs,
        count,
        seed,
        out,
        workers,
        threadsPerWorker,
        trainArguments,
        checkProxy,
        checkEpochs,
        Optional.empty(),
        ReportOptions.DEFAULTS);
  }

  public StudyRequest {
    specs = List.copyOf(specs);
    trainArguments = List.copyOf(trainArguments);
    spaceArguments = spaceArguments.stream().map(List::copyOf).toList();
    steps = List.copyOf(steps);
    if (!spaceArguments.isEmpty() && spaceArguments.size() != specs.size()) {
      throw new BadInputException("one list of train options per space");
    }
    CompareRequest.requireDistinctSweeps(specs);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(report, "report");
    int perSpace = schedule.map(CompareRequest.Schedule::firstLook).orElse(count);
    if (specs.size() < 2) {
      throw new BadInputException("a study compares at least 2 design spaces, got " + specs.size());
    }
    if (checkProxy < 0 || checkProxy > perSpace) {
      throw new BadInputException(
          "--check-proxy must be between 0 and the "
              + perSpace
              + (schedule.isPresent() ? " models per space of the first look" : " models per space")
              + ", got "
              + checkProxy);
    }
    int longest = longestEpochs(trainArguments, spaceArguments);
    if (checkProxy > 0 && checkEpochs <= longest) {
      throw new BadInputException(
          "the proxy check trains longer than the sweeps: --check-epochs must exceed "
              + longest
              + " (the most epochs any space trains), got "
              + checkEpochs);
    }
    if (schedule.isEmpty() && count < 2) {
      throw new BadInputException(
          "a study needs at least 2 models per space to compare them, got -n " + count);
    }
  }

  /** The sweep directory of a spec: its file name without .yaml. */
  public Path sweepDirectory(Path spec) {
    return out.resolve(CompareRequest.sweepName(spec));
  }
}
