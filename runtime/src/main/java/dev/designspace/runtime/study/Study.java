package dev.designspace.runtime.study;

import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.generator.spec.StudySpec;
import dev.designspace.runtime.analysis.ProgressionStep;
import dev.designspace.runtime.analysis.Question;
import dev.designspace.runtime.report.ReportBuilder;
import dev.designspace.runtime.report.ReportOptions;
import dev.designspace.runtime.sequential.CompareRequest;
import dev.designspace.runtime.sequential.SequentialRequest;
import dev.designspace.runtime.sequential.SequentialResult;
import dev.designspace.runtime.sequential.SequentialSweep;
import dev.designspace.runtime.sweep.LocalSweep;
import dev.designspace.runtime.sweep.ModelsLostException;
import dev.designspace.runtime.sweep.SweepListener;
import dev.designspace.runtime.sweep.SweepRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Runs a study: one sweep per design space, in order, through one pool of workers (each resumable
 * like any sweep), or round by round until every step is decided; the proxy check on every space;
 * then one report in which every step of the progression stands next to the paper's finding for it,
 * with the proxy trust of both its spaces.
 */
public final class Study {
  /** The study {@code study} runs when given none: the paper's section-3 progression. */
  public static final Path PROGRESSION = Path.of("specs/studies/progression.yaml");

  /** A study file's comparisons as the steps a report judges. */
  public static List<ProgressionStep> steps(StudySpec study) {
    return study.comparisons().stream()
        .map(
            c ->
                new ProgressionStep(
                    c.from(),
                    c.to(),
                    switch (c.expect()) {
                      case BETTER -> Question.BETTER;
                      case NO_WORSE -> Question.NO_WORSE;
                      case AS_GOOD_AS -> Question.AS_GOOD_AS;
                    },
                    StudySpec.claimWithFigure(c)))
        .toList();
  }

  private Study() {}

  public static StudyResult run(StudyRequest request, SweepListener listener)
      throws IOException, InterruptedException {
    List<Path> sweeps = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<SweepRequest> requests = new ArrayList<>();
    int perSpace =
        request.schedule().map(CompareRequest.Schedule::firstLook).orElse(request.count());
    for (int i = 0; i < request.specs().size(); i++) {
      Path spec = request.specs().get(i);
      Path dir = request.sweepDirectory(spec);
      listener.message(
          String.format(
              Locale.ROOT,
              "study: %s (%d of %d), %s%s -> %s",
              spec,
              i + 1,
              request.specs().size(),
              request.schedule().isPresent()
                  ? "until decided (first look at " + perSpace + " models)"
                  : request.count() + " models",
              request.checkProxy() > 0 ? ", proxy check of " + request.checkProxy() : "",
              dir));
      requests.add(
          new SweepRequest(
              spec,
              perSpace,
              request.seed(),
              dir,
              request.workers(),
              request.threadsPerWorker(),
              request.trainArguments(i),
              false,
              request.schedule().isPresent() ? 0 : request.checkProxy(),
              request.checkEpochs()));
      sweeps.add(dir);
      names.add(SpecLoader.load(spec).name());
    }
    List<ProgressionStep> steps = request.steps().isEmpty() ? steps(names) : request.steps();
    ReportOptions options = request.report();
    if (request.schedule().isPresent()) {
      CompareRequest.Schedule s = request.schedule().get();
      List<SequentialRequest.Comparison> comparisons = new ArrayList<>();
      for (ProgressionStep step : steps) {
        comparisons.add(
            new SequentialRequest.Comparison(
                names.indexOf(step.from()), names.indexOf(step.to()), step.expected()));
      }
      SequentialResult result =
          SequentialSweep.run(
              new SequentialRequest(
                  requests,
                  names,
                  comparisons,
                  s.firstLook(),
                  s.round(),
                  s.maxModels(),
                  s.budget(),
                  options.margin(),
                  request.out(),
                  request.checkProxy(),
                  request.checkEpochs()),
              listener);
      options = options.withSequential(result.notes(), result.decided());
    } else {
      // one pool of workers for all the spaces: no worker waits for a space's last model
      ModelsLostException.throwIfStopped(
          LocalSweep.runAll(requests, Collections.nCopies(requests.size(), listener)));
    }
    for (Path dir : sweeps) {
      ReportBuilder.buildInSweep(dir, listener::message);
    }
    ReportBuilder.Report report =
        ReportBuilder.build(sweeps, request.out().resolve("report.html"), steps, options);
    return new StudyResult(sweeps, report.file(), report.steps(), report.summary());
  }

  /**
   * The paper's findings for a progression of names: each restriction loses nothing, except that
   * increasing widths (the 4th space) and increasing depths (the 5th) improve the space; the last
   * space (RegNetX) beats the first and is as good as the one before it. For another number of
   * spaces, every step is "no worse" and the last is compared with the first.
   */
  static List<ProgressionStep> steps(List<String> names) {
    String[] findings = {
      "a shared bottleneck ratio loses nothing (Figure 5)",
      "a shared group width loses nothing (Figure 5)",
      "increasing widths improve the space (Figure 7)",
      "increasing depths improve the space further (Figure 7)",
      "RegNetX is as good as AnyNetXE with far fewer degrees of freedom (Figure 9)"
    };
    Question[] expected = {
      Question.NO_WORSE, Question.NO_WORSE, Question.BETTER, Question.BETTER, Question.AS_GOOD_AS
    };
    boolean paper = names.size() == findings.length + 1;
    List<ProgressionStep> steps = new ArrayList<>();
    for (int i = 0; i + 1 < names.size(); i++) {
      steps.add(
          paper
              ? new ProgressionStep(names.get(i), names.get(i + 1), expected[i], findings[i])
              : new ProgressionStep(
                  names.get(i),
                  names.get(i + 1),
                  Question.NO_WORSE,
                  "the restriction loses nothing"));
    }
    String last = names.get(names.size() - 1);
    steps.add(
        new ProgressionStep(
            names.get(0),
            last,
            Question.BETTER,
            paper
                ? "RegNetX is better than the unconstrained AnyNetXA (Figure 9)"
                : "the last space is better than the first"));
    return steps;
  }
}
