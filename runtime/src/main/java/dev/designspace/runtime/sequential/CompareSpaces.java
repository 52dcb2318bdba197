package dev.designspace.runtime.sequential;

import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.analysis.Question;
import dev.designspace.runtime.report.ReportBuilder;
import dev.designspace.runtime.report.ReportOptions;
import dev.designspace.runtime.sweep.LocalSweep;
import dev.designspace.runtime.sweep.ModelsLostException;
import dev.designspace.runtime.sweep.SweepDirectory;
import dev.designspace.runtime.sweep.SweepListener;
import dev.designspace.runtime.sweep.SweepRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Runs a {@link CompareRequest}: the sweeps (a fixed number of models each, or round by round until
 * every later space's comparison with the first is decided), each sweep's own report, and the
 * comparison report. What {@code demo} and {@code compare} do.
 */
public final class CompareSpaces {
  private CompareSpaces() {}

  /** The comparison's report, the models its sweeps hold, and the sequential run, if it was one. */
  public record Result(
      ReportBuilder.Report report, int models, Optional<SequentialResult> sequential) {}

  public static Result run(CompareRequest request, SweepListener listener)
      throws IOException, InterruptedException {
    List<Path> dirs = new ArrayList<>();
    List<SweepRequest> sweeps = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path spec : request.specs()) {
      Path dir = request.sweepDirectory(spec);
      dirs.add(dir);
      names.add(SpecLoader.load(spec).name());
      sweeps.add(
          new SweepRequest(
              spec,
              request.schedule().map(CompareRequest.Schedule::firstLook).orElse(request.count()),
              request.seed(),
              dir,
              request.workers(),
              request.threadsPerWorker(),
              request.trainArguments(),
              false));
    }
    ReportOptions options = request.report();
    Optional<SequentialResult> sequential = Optional.empty();
    if (request.schedule().isPresent()) {
      CompareRequest.Schedule s = request.schedule().get();
      List<SequentialRequest.Comparison> comparisons = new ArrayList<>();
      for (int b = 1; b < sweeps.size(); b++) {
        comparisons.add(new SequentialRequest.Comparison(0, b, Question.WHICH_IS_BETTER));
      }
      SequentialResult result =
          SequentialSweep.run(
              new SequentialRequest(
                  sweeps,
                  names,
                  comparisons,
                  s.firstLook(),
                  s.round(),
                  s.maxModels(),
                  s.budget(),
                  options.margin(),
                  request.out(),
                  0,
                  0),
              listener);
      options = options.withSequential(result.notes(), result.decided());
      sequential = Optional.of(result);
    } else {
      ModelsLostException.throwIfStopped(
          LocalSweep.runAll(sweeps, Collections.nCopies(sweeps.size(), listener)));
    }
    int models = 0;
    List<Path> reported = new ArrayList<>();
    for (Path dir : dirs) {
      if (Files.isRegularFile(dir.resolve("manifest.json"))) {
        models += SweepDirectory.open(dir).models().size();
        ReportBuilder.buildInSweep(dir, listener::message);
        reported.add(dir);
      }
    }
    ReportBuilder.Report report =
        ReportBuilder.build(
            reported, request.out().resolve(ReportBuilder.REPORT_HTML), List.of(), options);
    return new Result(report, models, sequential);
  }
}
