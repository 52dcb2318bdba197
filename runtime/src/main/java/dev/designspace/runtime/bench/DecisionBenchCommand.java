package dev.designspace.runtime.bench;

import dev.designspace.command.ExitCodes;
import dev.designspace.runtime.analysis.Question;
import dev.designspace.runtime.analysis.SpaceVerdict;
import dev.designspace.runtime.analysis.Verdict;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import dev.designspace.runtime.sweep.SweepCollector;
import dev.designspace.runtime.sweep.SweepResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench-decisions}: models and wall time to a decision, run until decided against a fixed
 * number of models, replayed on the errors of two finished sweeps ({@link DecisionReplay}).
 */
@Command(
    name = "bench-decisions",
    hidden = true, // for BENCHMARKS.md, not for users' runs
    mixinStandardHelpOptions = true,
    description = {
      "Replays a comparison of two sweeps' errors: run until decided against fixed-n.",
      "Both sweeps' errors are resampled into many runs until decided (looks at --first-look,"
          + " then every --round, up to --max-models) and into fixed-n comparisons; prints the"
          + " mean models per space at the stop, how often the question was answered, and the"
          + " smallest fixed n answering as often, with the wall time each takes at the sweeps'"
          + " mean seconds per model."
    },
    footerHeading = "%nExample:%n",
    footer = {"  designspace bench-decisions runs/demo/fmnist-anynet-xa runs/demo/fmnist-regnet-x"})
public final class DecisionBenchCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "A", description = "The first sweep directory.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "The sweep compared with it.")
  Path b;

  @Option(names = "--first-look", defaultValue = "8", description = "(default: ${DEFAULT-VALUE})")
  int firstLook;

  @Option(names = "--round", defaultValue = "4", description = "(default: ${DEFAULT-VALUE})")
  int round;

  @Option(names = "--max-models", defaultValue = "32", description = "(default: ${DEFAULT-VALUE})")
  int maxModels;

  @Option(
      names = "--margin",
      defaultValue = "" + SpaceVerdict.DEFAULT_MARGIN,
      description = "(default: ${DEFAULT-VALUE})")
  double margin;

  @Option(
      names = "--question",
      defaultValue = "WHICH_IS_BETTER",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  Question question;

  @Option(names = "--replays", defaultValue = "400", description = "(default: ${DEFAULT-VALUE})")
  int replays;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Workers the wall time assumes (default: ${DEFAULT-VALUE}).")
  int workers;

  @Override
  public Integer call() throws Exception {
    SweepResult ra = SweepCollector.collect(a, false);
    SweepResult rb = SweepCollector.collect(b, false);
    double[] ea = errors(ra.results());
    double[] eb = errors(rb.results());
    double seconds =
        (meanSeconds(ra.results()) * ea.length + meanSeconds(rb.results()) * eb.length)
            / (ea.length + eb.length);
    DecisionReplay replay =
        DecisionReplay.of(ea, eb, firstLook, round, maxModels, margin, question, replays, 1);
    PrintWriter out = command.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "%s (%d models) vs %s (%d models), question %s, margin %.2f, %d replays,"
            + " %.1f s per model, %d workers%n",
        a,
        ea.length,
        b,
        eb.length,
        question.words(),
        margin,
        replays,
        seconds,
        workers);
    out.printf(
        Locale.ROOT,
        "until decided (looks at %d + %d k, up to %d): %.1f models per space on average,"
            + " answered %.0f%%, %.1f min on average%n",
        firstLook,
        round,
        maxModels,
        replay.sequentialModels(),
        100 * replay.sequentialAnswered(),
        2 * replay.sequentialModels() * seconds / workers / 60);
    for (Map.Entry<Verdict, Double> v : replay.verdicts().entrySet()) {
      out.printf(Locale.ROOT, "  %s: %.0f%%%n", v.getKey().words(), 100 * v.getValue());
    }
    out.println(
        replay.fixedModels() == 0
            ? "fixed n: none up to " + DecisionReplay.FIXED_LIMIT + " answers as often"
            : String.format(
                Locale.ROOT,
                "fixed n answering as often: %d models per space (answered %.0f%%), %.1f min",
                replay.fixedModels(),
                100 * replay.fixedAnswered(),
                2 * replay.fixedModels() * seconds / workers / 60));
    out.flush();
    return ExitCodes.OK;
  }

  private static double[] errors(List<ModelResult> results) {
    return results.stream()
        .filter(r -> r.status() == RunStatus.DONE)
        .mapToDouble(ModelResult::error)
        .toArray();
  }

  private static double meanSeconds(List<ModelResult> results) {
    return results.stream()
        .filter(r -> r.trainSeconds() != null)
        .mapToDouble(ModelResult::trainSeconds)
        .average()
        .orElse(Double.NaN);
  }
}
