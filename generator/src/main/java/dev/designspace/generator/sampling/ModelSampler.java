package dev.designspace.generator.sampling;

import dev.designspace.generator.complexity.Complexity;
import dev.designspace.generator.complexity.ComplexityCounter;
import dev.designspace.generator.network.AnyNetParams;
import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.RegNetQuantizer;
import dev.designspace.generator.random.Distribution;
import dev.designspace.generator.random.SplitMix64;
import dev.designspace.generator.space.Constraints;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.space.SearchSpace;
import dev.designspace.model.RegNetParams;
import dev.designspace.model.Stage;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * Rejection sampling (pycls {@code sweep_setup}; docs/algorithms.md, "Rejection sampling"): draw a
 * candidate, check the cheap constraints (RegNet stages, AnyNet increasing), build the network,
 * skip duplicates, then check flops, params and acts. Models are accepted in draw order, so a
 * sample is a prefix of any larger sample with the same seed.
 */
public final class ModelSampler {
  private ModelSampler() {}

  public static SampleResult sample(SampleRequest request) {
    return new Run(request).run();
  }

  /** A candidate that passed its family's check: what was drawn, and the network built from it. */
  private record Candidate(Map<String, Object> drawn, NetworkConfig network) {}

  /** State of one sampling run. */
  private static final class Run {
    private final SampleRequest request;
    private final DesignSpace space;
    private final SearchSpace search;
    private final Constraints constraints;
    private final SplitMix64 rng;
    private final List<CandidateCheck> reported;
    private final long[] entered = new long[CandidateCheck.values().length];
    private final long[] passed = new long[CandidateCheck.values().length];
    private final Set<List<Stage>> seen = new HashSet<>();
    private final List<SampledModel> accepted = new ArrayList<>();
    private final int[] stageCounts = new int[2];
    private int[] widthScratch = new int[0];
    private long candidates;
    private int namedIndex = -1;
    private String name;

    Run(SampleRequest request) {
      this.request = request;
      this.space = request.space();
      this.search = space.search().orElseThrow();
      this.constraints = space.constraints();
      this.rng = new SplitMix64(request.seed());
      this.reported =
          CandidateCheck.forFamily(search instanceof SearchSpace.RegNet).stream()
              .filter(check -> check.isActive(constraints))
              .toList();
    }

    SampleResult run() {
      while (accepted.size() < request.count()) {
        if (candidates >= request.maxCandidates()) {
          throw new SamplingException(failureMessage(), stats());
        }
        candidates++;
        int index = accepted.size();
        Candidate candidate =
            search instanceof SearchSpace.RegNet regnet
                ? drawRegNet(regnet, index)
                : drawAnyNet((SearchSpace.AnyNet) search, index);
        if (candidate == null
            || !check(CandidateCheck.DISTINCT, !seen.contains(candidate.network().stages()))) {
          continue;
        }
        Complexity cx = count(candidate.network());
        if (withinBounds(cx)) {
          seen.add(candidate.network().stages());
          accepted.add(
              new SampledModel(index, request.seed(), candidate.drawn(), candidate.network(), cx));
        }
      }
      return new SampleResult(accepted, stats());
    }

    /** Draws (d, w0, wa, wm, g, b); null when the widths do not give the allowed stage count. */
    private Candidate drawRegNet(SearchSpace.RegNet r, int index) {
      int depth = (int) r.depth().draw(rng);
      double w0 = r.w0().draw(rng);
      double wa = r.wa().draw(rng);
      double wm = r.wm().draw(rng);
      int g = (int) r.groupWidth().draw(rng);
      double b = r.bottleneckRatio().draw(rng);
      if (widthScratch.length < depth) {
        widthScratch = new int[Math.max(depth, 2 * widthScratch.length)];
      }
      // the stage check needs no allocation; most RegNet candidates end here
      RegNetQuantizer.countStages(depth, w0, wa, wm, widthScratch, stageCounts);
      boolean stagesOk =
          stageCounts[0] == stageCounts[1] && constraints.stages().contains(stageCounts[0]);
      if (!check(CandidateCheck.STAGES, stagesOk)) {
        return null;
      }
      Map<String, Object> drawn = new LinkedHashMap<>();
      drawn.put(Parameter.DEPTH.externalName(), depth);
      drawn.put(Parameter.W0.externalName(), (int) w0);
      drawn.put(Parameter.WA.externalName(), wa);
      drawn.put(Parameter.WM.externalName(), wm);
      drawn.put(Parameter.GROUP_WIDTH.externalName(), g);
      drawn.put(Parameter.BOTTLENECK_RATIO.externalName(), b);
      NetworkConfig network =
          NetworkConfig.fromRegNet(
              nameOf(index), space.network(), new RegNetParams(depth, w0, wa, wm, g, b));
      return new Candidate(drawn, network);
    }

    /** Draws each stage's parameters; null when an increasing parameter decreases. */
    private Candidate drawAnyNet(SearchSpace.AnyNet a, int index) {
      int n = a.stages();
      List<Integer> depths = perStage(a.depth(), Parameter.DEPTH, n, v -> (int) v);
      List<Integer> widths = perStage(a.width(), Parameter.WIDTH, n, v -> (int) v);
      List<Double> bs = perStage(a.bottleneckRatio(), Parameter.BOTTLENECK_RATIO, n, v -> v);
      List<Integer> gs =
          a.groupWidth() == null
              ? List.of()
              : perStage(a.groupWidth(), Parameter.GROUP_WIDTH, n, v -> (int) v);
      boolean increasing =
          increasing(Parameter.DEPTH, depths)
              && increasing(Parameter.WIDTH, widths)
              && increasing(Parameter.BOTTLENECK_RATIO, bs)
              && increasing(Parameter.GROUP_WIDTH, gs);
      NetworkConfig network = null;
      if (increasing) {
        network =
            NetworkConfig.fromSampledAnyNet(
                nameOf(index),
                space.network(),
                new AnyNetParams(depths, widths, a.strides(), bs, gs));
        // the compatibility adjustment must not break the order either
        increasing =
            increasing(Parameter.DEPTH, network.depths())
                && increasing(Parameter.WIDTH, network.widths())
                && increasing(
                    Parameter.GROUP_WIDTH,
                    network.settings().block().isBottleneck() ? network.groupWidths() : List.of());
      }
      if (!check(CandidateCheck.INCREASING, increasing)) {
        return null;
      }
      Map<String, Object> drawn = new LinkedHashMap<>();
      drawn.put(Parameter.DEPTH.externalName(), depths);
      drawn.put(Parameter.WIDTH.externalName(), widths);
      drawn.put(Parameter.BOTTLENECK_RATIO.externalName(), bs);
      if (!gs.isEmpty()) {
        drawn.put(Parameter.GROUP_WIDTH.externalName(), gs);
      }
      return new Candidate(drawn, network);
    }

    /**
     * One value per stage: a single draw repeated when the parameter is shared, else one draw per
     * stage. {@code convert} only changes the type (int parameters draw whole numbers).
     */
    private <T> List<T> perStage(
        Distribution d, Parameter p, int stages, DoubleFunction<T> convert) {
      List<T> out = new ArrayList<>(stages);
      if (constraints.shared().contains(p)) {
        T v = convert.apply(d.draw(rng));
        for (int i = 0; i < stages; i++) {
          out.add(v);
        }
      } else {
        for (int i = 0; i < stages; i++) {
          out.add(convert.apply(d.draw(rng)));
        }
      }
      return out;
    }

    private <T extends Comparable<T>> boolean increasing(Parameter p, List<T> values) {
      if (!constraints.increasing().contains(p)) {
        return true;
      }
      for (int i = 1; i < values.size(); i++) {
        if (values.get(i).compareTo(values.get(i - 1)) < 0) {
          return false;
        }
      }
      return true;
    }

    private Complexity count(NetworkConfig network) {
      try {
        return ComplexityCounter.count(network);
      } catch (ArithmeticException e) {
        throw new SamplingException(
            space.source()
                + ": sample: a drawn model (depths "
                + network.depths()
                + ", widths "
                + network.widths()
                + ") has more flops, params or acts than a 64-bit count holds; lower the high"
                + " ends of the sample's depth and width (or w0, wa, wm), or the input size",
            stats());
      }
    }

    private boolean withinBounds(Complexity cx) {
      return check(CandidateCheck.FLOPS, constraints.flops().contains(cx.flops()))
          && check(CandidateCheck.PARAMS, constraints.params().contains(cx.params()))
          && check(CandidateCheck.ACTS, constraints.acts().contains(cx.acts()));
    }

    /** Formatting a name costs more than a rejected candidate: do it once per index. */
    private String nameOf(int index) {
      if (index != namedIndex) {
        name = SampledModel.nameOf(space.name(), index);
        namedIndex = index;
      }
      return name;
    }

    private boolean check(CandidateCheck check, boolean ok) {
      entered[check.ordinal()]++;
      if (ok) {
        passed[check.ordinal()]++;
      }
      return ok;
    }

    private SamplingStats stats() {
      Map<String, Long> in = new LinkedHashMap<>();
      Map<String, Long> out = new LinkedHashMap<>();
      for (CandidateCheck check : reported) {
        in.put(check.displayName(), entered[check.ordinal()]);
        out.put(check.displayName(), passed[check.ordinal()]);
      }
      return new SamplingStats(candidates, accepted.size(), in, out);
    }

    private String failureMessage() {
      SamplingStats stats = stats();
      NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
      n.setGroupingUsed(true);
      StringBuilder sb = new StringBuilder();
      sb.append("found only ")
          .append(stats.accepted())
          .append(" of ")
          .append(request.count())
          .append(" distinct models of ")
          .append(space.name())
          .append(" in ")
          .append(n.format(candidates))
          .append(" candidates (seed ")
          .append(request.seed())
          .append(")\n");
      sb.append("  candidates tried: ").append(n.format(candidates)).append('\n');
      for (CandidateCheck check : reported) {
        long in = entered[check.ordinal()];
        long ok = passed[check.ordinal()];
        sb.append(
            String.format(
                Locale.ROOT,
                "  passed %-10s %s of %s (%.3f%%)%s%n",
                check.displayName() + ":",
                n.format(ok),
                n.format(in),
                in == 0 ? 0.0 : 100.0 * ok / in,
                check.constraintText(constraints)));
      }
      stats
          .worstCheck()
          .ifPresent(
              worst ->
                  sb.append("  most rejections: '")
                      .append(worst)
                      .append("' (")
                      .append(n.format(stats.rejectedBy(worst)))
                      .append(")\n"));
      stats
          .mostSelectiveCheck()
          .ifPresent(
              binding ->
                  sb.append("  lowest pass rate: '")
                      .append(binding)
                      .append("'")
                      .append(
                          binding.equals(CandidateCheck.DISTINCT.displayName())
                              ? ": the space holds few distinct models; ask for fewer"
                              : ": loosen that constraint, or allow more candidates with"
                                  + " --max-candidates"));
      return sb.toString().stripTrailing();
    }
  }
}
