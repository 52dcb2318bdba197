package dev.designspace.runtime.sequential;

import dev.designspace.runtime.analysis.SequentialComparison;
import dev.designspace.runtime.analysis.SpaceVerdict;
import dev.designspace.runtime.analysis.Verdict;
import dev.designspace.runtime.analysis.VerdictTests;
import dev.designspace.runtime.report.ReportOptions;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunStatus;
import dev.designspace.runtime.sweep.LocalSweep;
import dev.designspace.runtime.sweep.ModelsLostException;
import dev.designspace.runtime.sweep.ProxyCheck;
import dev.designspace.runtime.sweep.SweepDirectory;
import dev.designspace.runtime.sweep.SweepListener;
import dev.designspace.runtime.sweep.SweepModel;
import dev.designspace.runtime.sweep.SweepRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Runs a {@link SequentialRequest}: round after round, grows the sweeps of the spaces that an open
 * question needs, trains their new models through one pool of workers, looks at every open
 * question, records the look, and stops when all are answered, at the most models, or when the
 * budget would end before the next round ends.
 */
public final class SequentialSweep {
  static final String DECIDED = "decided";
  static final String MAX_MODELS = "max-models";
  static final String BUDGET = "budget";

  private SequentialSweep() {}

  public static SequentialResult run(SequentialRequest r, SweepListener listener)
      throws IOException, InterruptedException {
    LookLog.Design design = LookLog.Design.of(r);
    LookLog log = LookLog.read(r.out()).orElse(new LookLog(design, List.of(), null));
    if (!log.design().equals(design)) {
      throw new SequentialException(
          r.out()
              + " holds a sequential run of another design ("
              + LookLog.FILE
              + "): rerun it with the same spaces, --round, --max-models and --margin, or choose"
              + " another --out");
    }
    List<SequentialComparison> designs = new ArrayList<>();
    for (SequentialRequest.Comparison c : r.comparisons()) {
      designs.add(
          new SequentialComparison(
              r.maxModels(), r.margin(), c.question(), r.alphaPerComparison()));
    }
    long start = System.nanoTime();
    double wallPerModel = Double.NaN;
    log = log.stoppedBecause(null);
    while (true) {
      List<Integer> open = open(log, r);
      if (open.isEmpty()) {
        log = log.stoppedBecause(DECIDED);
        break;
      }
      int look = log.looks().size();
      if (look >= r.plannedLooks()) {
        log = log.stoppedBecause(MAX_MODELS);
        break;
      }
      int n = r.modelsAt(look);
      TreeSet<Integer> spaces = new TreeSet<>();
      for (int k : open) {
        spaces.add(r.comparisons().get(k).a());
        spaces.add(r.comparisons().get(k).b());
      }
      int pending = 0;
      for (int s : spaces) {
        pending += pending(r.spaces().get(s).directory(), n);
      }
      if (r.budget().isPresent() && pending > 0) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        double perModel =
            Double.isNaN(wallPerModel) ? recordedWallPerModel(r, spaces) : wallPerModel;
        // the proxy check runs after the last look, inside the same budget
        double check =
            r.proxyCheck()
                * r.spaces().size()
                * r.checkEpochs()
                / (double) ProxyCheck.epochsOf(r.spaces().get(0).trainArguments());
        Duration estimate = Duration.ofMillis((long) (1000 * perModel * (pending + check)));
        if (!Double.isNaN(perModel) && elapsed.plus(estimate).compareTo(r.budget().get()) > 0) {
          listener.message(
              String.format(
                  Locale.ROOT,
                  "stopping: the next round (%d models%s, about %.1f minutes) would end after the"
                      + " budget of %s",
                  pending,
                  check > 0 ? " and then the proxy check" : "",
                  estimate.toMillis() / 60e3,
                  words(r.budget().get())));
          log = log.stoppedBecause(BUDGET);
          break;
        }
      }
      listener.message(
          String.format(
              Locale.ROOT,
              "look %d of at most %d: %d models per space (%d to train)",
              look + 1,
              r.plannedLooks(),
              n,
              pending));
      long roundStart = System.nanoTime();
      List<SweepRequest> requests = new ArrayList<>();
      for (int s : spaces) {
        requests.add(r.spaces().get(s).grownTo(n));
      }
      ModelsLostException.throwIfStopped(
          LocalSweep.runAll(requests, Collections.nCopies(requests.size(), listener)));
      if (pending > 0) {
        wallPerModel = (System.nanoTime() - roundStart) / 1e9 / pending;
      }
      // each space's errors read once per look, whatever the number of questions it is in
      java.util.Map<Integer, double[]> errors = new java.util.HashMap<>();
      for (int space : spaces) {
        errors.put(space, errors(r.spaces().get(space).directory(), n));
      }
      List<LookLog.ComparisonLook> states = new ArrayList<>();
      for (int k : open) {
        SequentialRequest.Comparison c = r.comparisons().get(k);
        double[] a = errors.get(c.a());
        double[] b = errors.get(c.b());
        Optional<SequentialComparison.Look> result = designs.get(k).look(a, b, history(log, k));
        boolean last = look + 1 >= r.plannedLooks();
        if (result.isPresent()) {
          SequentialComparison.Look l = result.get();
          boolean stops = designs.get(k).stopsAt(l) || last;
          states.add(
              new LookLog.ComparisonLook(
                  k, l.na(), l.nb(), l.fraction(), l.level(), l.verdict(), stops));
          listener.message(
              String.format(
                  Locale.ROOT,
                  "  %s is %s %s (%d and %d models, level %.3g)%s",
                  r.names().get(c.b()),
                  l.verdict().words(),
                  r.names().get(c.a()),
                  l.na(),
                  l.nb(),
                  l.level(),
                  stops ? ", decided" : ""));
        } else if (last) {
          states.add(
              new LookLog.ComparisonLook(k, a.length, b.length, 0, 0, Verdict.UNDECIDED, true));
        }
      }
      log = log.with(new LookLog.LookRecord(n, states));
      log.write(r.out());
    }
    log.write(r.out());
    if (r.proxyCheck() > 0) {
      List<SweepRequest> checks = new ArrayList<>();
      for (SweepRequest s : r.spaces()) {
        int count = SweepDirectory.open(s.directory()).models().size();
        checks.add(
            s.grownTo(count).withProxyCheck(Math.min(r.proxyCheck(), count), r.checkEpochs()));
      }
      ModelsLostException.throwIfStopped(
          LocalSweep.runAll(checks, Collections.nCopies(checks.size(), listener)));
    }
    return result(r, log);
  }

  /** The comparisons no look has stopped yet. */
  private static List<Integer> open(LookLog log, SequentialRequest r) {
    List<Integer> open = new ArrayList<>();
    for (int k = 0; k < r.comparisons().size(); k++) {
      final int index = k;
      boolean stopped =
          log.looks().stream()
              .flatMap(l -> l.comparisons().stream())
              .anyMatch(c -> c.index() == index && c.stopped());
      if (!stopped) {
        open.add(k);
      }
    }
    return open;
  }

  private static List<SequentialComparison.Look> history(LookLog log, int k) {
    List<SequentialComparison.Look> looks = new ArrayList<>();
    for (LookLog.LookRecord l : log.looks()) {
      for (LookLog.ComparisonLook c : l.comparisons()) {
        if (c.index() == k && c.fraction() > 0) {
          looks.add(
              new SequentialComparison.Look(c.na(), c.nb(), c.fraction(), c.level(), c.verdict()));
        }
      }
    }
    return looks;
  }

  /** The errors of the finished models among the sweep's first n. */
  static double[] errors(Path dir, int n) throws IOException {
    if (!Files.isDirectory(dir)) {
      return new double[0];
    }
    SweepDirectory sweep = SweepDirectory.open(dir);
    List<Double> errors = new ArrayList<>();
    for (SweepModel m : sweep.models().subList(0, Math.min(n, sweep.models().size()))) {
      Optional<ModelResult> result = sweep.result(m);
      if (result.isPresent() && result.get().status() == RunStatus.DONE) {
        errors.add(result.get().error());
      }
    }
    return errors.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Models among the first n without a result yet. */
  private static int pending(Path dir, int n) throws IOException {
    if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
      return n;
    }
    SweepDirectory sweep = SweepDirectory.open(dir);
    int have = 0;
    for (SweepModel m : sweep.models().subList(0, Math.min(n, sweep.models().size()))) {
      have += sweep.result(m).isPresent() ? 1 : 0;
    }
    return n - have;
  }

  /**
   * Wall seconds per model from earlier runs' training times, shared by the workers; NaN when
   * nothing was trained yet. The training time leaves out a model's start and evaluation, hence the
   * allowance.
   */
  private static double recordedWallPerModel(SequentialRequest r, TreeSet<Integer> spaces)
      throws IOException {
    double sum = 0;
    int count = 0;
    for (int s : spaces) {
      Path dir = r.spaces().get(s).directory();
      if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
        continue;
      }
      SweepDirectory sweep = SweepDirectory.open(dir);
      for (SweepModel m : sweep.models()) {
        Optional<ModelResult> result = sweep.result(m);
        if (result.isPresent() && result.get().trainSeconds() != null) {
          sum += result.get().trainSeconds();
          count++;
        }
      }
    }
    int workers = r.spaces().get(0).workers();
    return count == 0 ? Double.NaN : 1.25 * sum / count / workers;
  }

  private static SequentialResult result(SequentialRequest r, LookLog log) throws IOException {
    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            Locale.ROOT,
            "Run until decided: a look at %d models per space, then every %d more, up to %d (%d"
                + " looks at most); each look's tests at the nominal level of a Lan-DeMets"
                + " O'Brien-Fleming-type design spending %.3g per test over the looks%s; margin"
                + " %.2f points",
            r.firstLook(),
            r.round(),
            r.maxModels(),
            r.plannedLooks(),
            r.alphaPerComparison(),
            r.comparisons().size() > 1
                ? " (0.025 shared by the " + r.comparisons().size() + " questions, Bonferroni)"
                : "",
            r.margin()));
    int looks = log.looks().size();
    String why =
        switch (log.stopped() == null ? "" : log.stopped()) {
          case DECIDED -> "every question is answered";
          case MAX_MODELS -> "it reached the most models per space (" + r.maxModels() + ")";
          case BUDGET ->
              "the next round would have ended after the budget of "
                  + words(r.budget().orElseThrow())
                  + "; rerun the same command to continue (a larger --budget lets it go further)";
          default -> "it was interrupted";
        };
    notes.add(
        looks == 0
            ? "Stopped before the first look: " + why
            : String.format(
                Locale.ROOT,
                "Stopped after look %d (%d models per space): %s",
                looks,
                log.looks().get(looks - 1).models(),
                why));
    List<ReportOptions.Decided> decided = new ArrayList<>();
    for (int k = 0; k < r.comparisons().size(); k++) {
      SequentialRequest.Comparison c = r.comparisons().get(k);
      Optional<LookLog.ComparisonLook> last = Optional.empty();
      int lookNumber = 0;
      for (int i = 0; i < looks; i++) {
        for (LookLog.ComparisonLook cl : log.looks().get(i).comparisons()) {
          if (cl.index() == k && cl.fraction() > 0) {
            last = Optional.of(cl);
            lookNumber = i + 1;
          }
        }
      }
      if (last.isEmpty()) {
        continue;
      }
      LookLog.ComparisonLook l = last.get();
      double[] a =
          errors(r.spaces().get(c.a()).directory(), log.looks().get(lookNumber - 1).models());
      double[] b =
          errors(r.spaces().get(c.b()).directory(), log.looks().get(lookNumber - 1).models());
      SpaceVerdict verdict =
          SpaceVerdict.of(
              a,
              b,
              VerdictTests.of(a, b, r.margin()),
              r.margin(),
              c.question(),
              Double.NaN,
              l.level());
      String how =
          String.format(
              Locale.ROOT,
              "%s at look %d, %d and %d models, level %.3g, intervals %.1f%%",
              l.stopped() ? (c.question().answeredBy(l.verdict()) ? "decided" : "ended") : "open",
              lookNumber,
              l.na(),
              l.nb(),
              l.level(),
              100 * (1 - 2 * l.level()));
      decided.add(
          new ReportOptions.Decided(r.names().get(c.a()), r.names().get(c.b()), verdict, how));
    }
    List<Path> sweeps = r.spaces().stream().map(SweepRequest::directory).toList();
    return new SequentialResult(sweeps, decided, notes, log.stopped(), looks);
  }

  static String words(Duration d) {
    long minutes = d.toMinutes();
    return minutes >= 60 && minutes % 60 == 0
        ? minutes / 60 + " h"
        : minutes > 0 ? minutes + " min" : d.toSeconds() + " s";
  }
}
