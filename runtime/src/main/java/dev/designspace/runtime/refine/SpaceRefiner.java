package dev.designspace.runtime.refine;

import dev.designspace.files.AtomicFiles;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.analysis.GoodRange;
import dev.designspace.runtime.refine.Candidate.Kind;
import dev.designspace.runtime.sweep.SweepContents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Proposes the next design space from a sweep: evaluates every candidate restriction, keeps those
 * the data support, and writes them as a spec extending the swept one (docs/sweeps.md, "Refining a
 * design space").
 */
public final class SpaceRefiner {
  /**
   * Done models below which nothing is tried: a good range resamples quarters of the models, and
   * each side of a test needs {@link GroupEvidence#MIN_GROUP}.
   */
  public static final int MIN_MODELS = 20;

  /** A range restriction must leave out at least this share of the sampled range. */
  public static final double MIN_EXCLUDED = 1.0 / 3;

  /** Per-stage values within this factor of each other count as (near-)shared. */
  public static final double NEAR_EQUAL_RATIO = 2;

  /** Seed of the good ranges' bootstrap, the report's: both show the same ranges. */
  static final long BOOTSTRAP_SEED = 0;

  /**
   * Seed of the split of the models into the half a range is read from and the half it is tested
   * on.
   */
  static final long SPLIT_SEED = 0;

  /** The sampled parameters refinement looks at, in the order the spec format lists them. */
  private static final List<String> PARAMETERS =
      Parameter.externalNames(
          Parameter.DEPTH,
          Parameter.WIDTH,
          Parameter.W0,
          Parameter.WA,
          Parameter.WM,
          Parameter.BOTTLENECK_RATIO,
          Parameter.GROUP_WIDTH);

  private static final List<String> SHAREABLE =
      Parameter.externalNames(Parameter.BOTTLENECK_RATIO, Parameter.GROUP_WIDTH);
  private static final List<String> ORDERABLE =
      Parameter.externalNames(Parameter.WIDTH, Parameter.DEPTH);

  private SpaceRefiner() {}

  /**
   * Refines {@code request.sweep()}; writes the refined spec to {@code request.out()} atomically
   * when at least one restriction is supported.
   *
   * @throws RefineException when the directory is not a sweep, nothing has finished, or too few
   *     models are done to test anything
   */
  public static RefineResult refine(RefineRequest request) throws IOException {
    if (request
        .out()
        .toAbsolutePath()
        .normalize()
        .equals(request.sweep().toAbsolutePath().normalize().resolve(SweepContents.SPEC))) {
      throw new RefineException(
          "--out "
              + request.out()
              + " is the sweep's own spec, which the refined spec extends:"
              + " choose another file");
    }
    SweptSpace space = SweptSpace.load(request.sweep());
    requireEnoughModels(space);
    List<Candidate> untested = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    for (String key : PARAMETERS) {
      if (space.sampled().containsKey(key)) {
        range(space, key, untested, pending);
      }
    }
    if (!space.regNet()) {
      for (String key : SHAREABLE) {
        if (space.varies(key) && !space.shared().contains(key)) {
          stages(space, key, Kind.SHARED, SpaceRefiner::nearEqual, untested, pending);
        }
      }
      for (String key : ORDERABLE) {
        if (space.sampled().containsKey(key) && !space.increasing().contains(key)) {
          stages(space, key, Kind.INCREASING, SpaceRefiner::nonDecreasing, untested, pending);
        }
      }
    }
    int tests = (int) pending.stream().filter(Pending::testable).count();
    double threshold = request.alpha() / Math.max(1, tests);
    List<Candidate> candidates = new ArrayList<>(untested);
    for (Pending p : pending) {
      candidates.add(p.decide(request.alpha(), tests, threshold));
    }
    candidates.sort(
        java.util.Comparator.comparing(Candidate::kind)
            .thenComparingInt(c -> order(c.kind()).indexOf(c.parameter())));
    String name = RefinedSpecYaml.nextName(space.name());
    List<Candidate> proposals = candidates.stream().filter(Candidate::proposed).toList();
    if (proposals.isEmpty()) {
      return new RefineResult(
          space.directory(), name, space.done().size(), candidates, threshold, Optional.empty());
    }
    Path out = request.out().toAbsolutePath().normalize();
    String yaml = RefinedSpecYaml.text(space, name, out, proposals, request.alpha(), tests);
    // what is written must load: a spec the loader refuses would only fail at the next sweep
    SpecLoader.load(out, yaml);
    AtomicFiles.write(out, yaml.getBytes(StandardCharsets.UTF_8));
    return new RefineResult(
        space.directory(), name, space.done().size(), candidates, threshold, Optional.of(out));
  }

  private static void requireEnoughModels(SweptSpace space) {
    if (space.finished() == 0) {
      throw new RefineException(
          "no model of "
              + space.directory()
              + " has finished (no models/*/result.json): run or resume the sweep first");
    }
    if (space.done().isEmpty()) {
      throw new RefineException(
          "none of the "
              + space.finished()
              + " finished models of "
              + space.directory()
              + " trained to the end (all failed or diverged): nothing to learn from");
    }
    if (space.done().size() < MIN_MODELS) {
      throw new RefineException(
          String.format(
              Locale.ROOT,
              "%s has %d done models; refining needs at least %d (good ranges resample quarters"
                  + " of the models and each side of a test needs %d): sweep more models into it"
                  + " (a larger -n, into another --out)",
              space.directory(),
              space.done().size(),
              MIN_MODELS,
              GroupEvidence.MIN_GROUP));
    }
  }

  /** The range rule: the parameter's bootstrap good range, if clearly narrower. */
  private static void range(
      SweptSpace space, String key, List<Candidate> untested, List<Pending> pending) {
    Optional<SampledRange> sampled = SampledRange.of(space.sampled().get(key));
    boolean oneValuePerModel = space.regNet() || space.shared().contains(key);
    if (sampled.isEmpty() || !oneValuePerModel) {
      // a fixed value, a distribution kept as is, or per-stage values that one distribution serves
      return;
    }
    double[] values = perModel(space, key);
    double[] errors = space.errors();
    List<Integer> known = known(values);
    if (known.size() < MIN_MODELS) {
      untested.add(
          new Candidate(
              key,
              Kind.RANGE,
              null,
              "drawn values recorded by " + known.size() + " of the done models",
              null,
              false,
              "not tested: fewer than " + MIN_MODELS + " models record their drawn " + key));
      return;
    }
    // the range is read from one half of the models and tested on the other: tested on the models
    // it was read from, a range drawn around the luckiest ones looks better than it is
    List<Integer> shuffled = new ArrayList<>(known);
    java.util.Collections.shuffle(shuffled, new java.util.Random(SPLIT_SEED));
    List<Integer> discovery = shuffled.subList(0, (shuffled.size() + 1) / 2);
    List<Integer> confirmation = shuffled.subList(discovery.size(), shuffled.size());
    double[] x = discovery.stream().mapToDouble(i -> values[i]).toArray();
    double[] e = discovery.stream().mapToDouble(i -> errors[i]).toArray();
    GoodRange good = GoodRange.of(x, e, BOOTSTRAP_SEED);
    // an end at the most extreme drawn value extends to the sampled range's end: no model beyond
    // it says anything against that part
    SampledRange narrowed =
        sampled
            .get()
            .restrictedTo(
                good.low() <= min(x) ? sampled.get().low() : good.low(),
                good.high() >= max(x) ? sampled.get().high() : good.high());
    double excluded = sampled.get().excludedBy(narrowed);
    String rationale =
        String.format(
            Locale.ROOT,
            "bootstrap good range [%s, %s] (95%%, median %s) of %d models, the other %d kept"
                + " for the test; sampled range %s, drawn [%s, %s]; %s leaves out %.0f%% of it",
            number(good.low()),
            number(good.high()),
            number(good.median()),
            x.length,
            confirmation.size(),
            sampled.get().describe(),
            number(min(x)),
            number(max(x)),
            narrowed.describe(),
            100 * excluded);
    if (excluded < MIN_EXCLUDED - 1e-9) {
      untested.add(
          new Candidate(
              key,
              Kind.RANGE,
              narrowed.yaml(),
              rationale,
              null,
              false,
              "not narrower: a range restriction must leave out at least a third of the sampled"
                  + " range"));
      return;
    }
    pending.add(
        Pending.of(
            key,
            Kind.RANGE,
            narrowed.yaml(),
            rationale,
            confirmation.stream().mapToDouble(i -> values[i]).toArray(),
            confirmation.stream().mapToDouble(i -> errors[i]).toArray(),
            narrowed::contains));
  }

  /** The shared and increasing rules: models whose per-stage values satisfy the constraint. */
  private static void stages(
      SweptSpace space,
      String key,
      Kind kind,
      Predicate<double[]> satisfies,
      List<Candidate> untested,
      List<Pending> pending) {
    List<double[]> stages = space.stageValues(key);
    double[] errors = space.errors();
    List<Integer> known = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i) != null && stages.get(i).length > 1) {
        known.add(i);
      }
    }
    String rationale =
        kind == Kind.SHARED
            ? String.format(
                Locale.ROOT,
                "models whose per-stage %s are within a factor of %s of each other against the"
                    + " rest",
                key,
                number(NEAR_EQUAL_RATIO))
            : "models whose per-stage " + key + " never decrease against the rest";
    if (known.size() < MIN_MODELS) {
      untested.add(
          new Candidate(
              key,
              kind,
              null,
              rationale,
              null,
              false,
              "not tested: fewer than " + MIN_MODELS + " models record per-stage " + key));
      return;
    }
    // the index into known stands in for the value: the predicate looks the stages up
    double[] index = known.stream().mapToDouble(i -> i).toArray();
    double[] e = known.stream().mapToDouble(i -> errors[i]).toArray();
    pending.add(
        Pending.of(key, kind, null, rationale, index, e, i -> satisfies.test(stages.get((int) i))));
  }

  private static List<String> order(Kind kind) {
    return switch (kind) {
      case RANGE -> PARAMETERS;
      case SHARED -> SHAREABLE;
      case INCREASING -> ORDERABLE;
    };
  }

  static boolean nearEqual(double[] stages) {
    return max(stages) <= NEAR_EQUAL_RATIO * min(stages) * (1 + 1e-9);
  }

  static boolean nonDecreasing(double[] stages) {
    for (int i = 1; i < stages.length; i++) {
      if (stages[i] < stages[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private static double[] perModel(SweptSpace space, String key) {
    if (space.regNet()) {
      return space.value(key);
    }
    return space.stageValues(key).stream()
        .mapToDouble(s -> s == null ? Double.NaN : s[0])
        .toArray();
  }

  private static List<Integer> known(double[] values) {
    List<Integer> known = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (Double.isFinite(values[i])) {
        known.add(i);
      }
    }
    return known;
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElse(Double.NaN);
  }

  /** Four significant digits, without trailing zeros: how refinement prints its figures. */
  public static String number(double x) {
    String s = String.format(Locale.ROOT, "%.4g", x);
    if (s.contains("e")) {
      return s;
    }
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  /** A candidate that reached the test: split into satisfying and violating models. */
  private record Pending(
      String key, Kind kind, String restricted, String rationale, double[] in, double[] out) {

    static Pending of(
        String key,
        Kind kind,
        String restricted,
        String rationale,
        double[] values,
        double[] errors,
        java.util.function.DoublePredicate satisfies) {
      List<Double> in = new ArrayList<>();
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        (satisfies.test(values[i]) ? in : out).add(errors[i]);
      }
      return new Pending(
          key,
          kind,
          restricted,
          rationale,
          in.stream().mapToDouble(Double::doubleValue).toArray(),
          out.stream().mapToDouble(Double::doubleValue).toArray());
    }

    boolean testable() {
      return GroupEvidence.testable(in.length, out.length);
    }

    Candidate decide(double alpha, int tests, double threshold) {
      if (!testable()) {
        return new Candidate(
            key,
            kind,
            restricted,
            rationale,
            null,
            false,
            String.format(
                Locale.ROOT,
                "not tested: %d models satisfy it and %d do not; each side needs %d",
                in.length,
                out.length,
                GroupEvidence.MIN_GROUP));
      }
      GroupEvidence evidence = GroupEvidence.of(in, out);
      boolean supported = evidence.superiority() > 0.5 && evidence.pValue() < threshold;
      String verdict =
          String.format(
              Locale.ROOT,
              "%s: p = %.2g %s %s (alpha %s over %d test%s)",
              supported ? "supported" : "not supported",
              evidence.pValue(),
              supported ? "<" : ">=",
              number(threshold),
              number(alpha),
              tests,
              tests == 1 ? "" : "s");
      return new Candidate(key, kind, restricted, rationale, evidence, supported, verdict);
    }
  }
}
