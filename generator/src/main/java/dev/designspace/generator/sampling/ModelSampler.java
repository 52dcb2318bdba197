package dev.designspace.generator.sampling;

import dev.designspace.generator.complexity.Complexity;
import dev.designspace.generator.complexity.ComplexityCounter;
import dev.designspace.generator.network.AnyNetParams;
import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.RegNetQuantizer;
import dev.designspace.generator.random.Distribution;
import dev.designspace.generator.random.SplitMix64;
import dev.designspace.generator.space.Bound;
import dev.designspace.generator.space.Constraints;
import dev.designspace.generator.space.DesignSpace;
import dev.designspace.generator.space.Parameter;
import dev.designspace.generator.space.SearchSpace;
import dev.designspace.generator.tool.SpecNumbers;
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

/**
 * Rejection sampling (pycls {@code sweep_setup}; docs/algorithms.md, "Rejection sampling"): draw a
 * candidate, check the cheap constraints (RegNet stages, AnyNet increasing), build the network,
 * skip duplicates, then check flops, params and acts. Models are accepted in draw order, so a
 * sample is a prefix of any larger sample with the same seed.
 */
public final class ModelSampler {
  private static final String[] ANYNET_CHECKS = {
    "increasing", "distinct", "flops", "params", "acts"
  };
  private static final String[] REGNET_CHECKS = {"stages", "distinct", "flops", "params", "acts"};

  private ModelSampler() {}

  public static SampleResult sample(SampleRequest request) {
    return new Run(request).run();
  }

  /** State of one sampling run. */
  private static final class Run {
    private final SampleRequest request;
    private final DesignSpace space;
    private final Constraints constraints;
    private final SplitMix64 rng;
    private final String[] checks;
    private final long[] entered;
    private final long[] passed;
    private final Set<List<Stage>> seen = new HashSet<>();
    private final List<SampledModel> accepted = new ArrayList<>();
    private long candidates;
    private int namedIndex = -1;
    private String name;

    Run(SampleRequest request) {
      this.request = request;
      this.space = request.space();
      this.constraints = space.constraints();
      this.rng = new SplitMix64(request.seed());
      boolean regnet = space.search().orElseThrow() instanceof SearchSpace.RegNet;
      this.checks = regnet ? REGNET_CHECKS : ANYNET_CHECKS;
      this.entered = new long[checks.length];
      this.passed = new long[checks.length];
    }

    SampleResult run() {
      SearchSpace search = space.search().orElseThrow();
      int[] scratch = new int[0];
      int[] stageCounts = new int[2];
      while (accepted.size() < request.count()) {
        if (candidates >= request.maxCandidates()) {
          throw new SamplingException(failureMessage(), stats());
        }
        candidates++;
        int index = accepted.size();
        Map<String, Object> drawn;
        NetworkConfig network;
        if (search instanceof SearchSpace.RegNet r) {
          int depth = (int) r.depth().draw(rng);
          double w0 = r.w0().draw(rng);
          double wa = r.wa().draw(rng);
          double wm = r.wm().draw(rng);
          int g = (int) r.groupWidth().draw(rng);
          double b = r.bottleneckRatio().draw(rng);
          if (scratch.length < depth) {
            scratch = new int[Math.max(depth, 2 * scratch.length)];
          }
          // the stage check needs no allocation; most RegNet candidates end here
          RegNetQuantizer.countStages(depth, w0, wa, wm, scratch, stageCounts);
          if (!check(
              0,
              stageCounts[0] == stageCounts[1] && constraints.stages().contains(stageCounts[0]))) {
            continue;
          }
          drawn = new LinkedHashMap<>();
          drawn.put("depth", depth);
          drawn.put("w0", (int) w0);
          drawn.put("wa", wa);
          drawn.put("wm", wm);
          drawn.put("group_width", g);
          drawn.put("bottleneck_ratio", b);
          network =
              NetworkConfig.fromRegNet(
                  nameOf(index), space.network(), new RegNetParams(depth, w0, wa, wm, g, b));
        } else {
          SearchSpace.AnyNet a = (SearchSpace.AnyNet) search;
          int n = a.stages();
          List<Integer> depths = ints(a.depth(), Parameter.DEPTH, n);
          List<Integer> widths = ints(a.width(), Parameter.WIDTH, n);
          List<Double> bs = doubles(a.bottleneckRatio(), Parameter.BOTTLENECK_RATIO, n);
          List<Integer> gs =
              a.groupWidth() == null ? List.of() : ints(a.groupWidth(), Parameter.GROUP_WIDTH, n);
          boolean increasing =
              increasing(Parameter.DEPTH, depths)
                  && increasing(Parameter.WIDTH, widths)
                  && increasing(Parameter.BOTTLENECK_RATIO, bs)
                  && increasing(Parameter.GROUP_WIDTH, gs);
          network = null;
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
                        network.settings().block().isBottleneck()
                            ? network.groupWidths()
                            : List.of());
          }
          if (!check(0, increasing)) {
            continue;
          }
          drawn = new LinkedHashMap<>();
          drawn.put("depth", depths);
          drawn.put("width", widths);
          drawn.put("bottleneck_ratio", bs);
          if (!gs.isEmpty()) {
            drawn.put("group_width", gs);
          }
        }
        if (!check(1, !seen.contains(network.stages()))) {
          continue;
        }
        Complexity cx;
        try {
          cx = ComplexityCounter.count(network);
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
        if (!check(2, constraints.flops().contains(cx.flops()))
            || !check(3, constraints.params().contains(cx.params()))
            || !check(4, constraints.acts().contains(cx.acts()))) {
          continue;
        }
        seen.add(network.stages());
        accepted.add(new SampledModel(index, request.seed(), drawn, network, cx));
      }
      return new SampleResult(accepted, stats());
    }

    /** Formatting a name costs more than a rejected candidate: do it once per index. */
    private String nameOf(int index) {
      if (index != namedIndex) {
        name = SampledModel.nameOf(space.name(), index);
        namedIndex = index;
      }
      return name;
    }

    private boolean check(int i, boolean ok) {
      entered[i]++;
      if (ok) {
        passed[i]++;
      }
      return ok;
    }

    private List<Integer> ints(Distribution d, Parameter p, int stages) {
      List<Integer> out = new ArrayList<>(stages);
      if (constraints.shared().contains(p)) {
        int v = (int) d.draw(rng);
        for (int i = 0; i < stages; i++) {
          out.add(v);
        }
      } else {
        for (int i = 0; i < stages; i++) {
          out.add((int) d.draw(rng));
        }
      }
      return out;
    }

    private List<Double> doubles(Distribution d, Parameter p, int stages) {
      List<Double> out = new ArrayList<>(stages);
      if (constraints.shared().contains(p)) {
        double v = d.draw(rng);
        for (int i = 0; i < stages; i++) {
          out.add(v);
        }
      } else {
        for (int i = 0; i < stages; i++) {
          out.add(d.draw(rng));
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

    private SamplingStats stats() {
      Map<String, Long> in = new LinkedHashMap<>();
      Map<String, Long> out = new LinkedHashMap<>();
      for (int i = 0; i < checks.length; i++) {
        if (isActive(i)) {
          in.put(checks[i], entered[i]);
          out.put(checks[i], passed[i]);
        }
      }
      return new SamplingStats(candidates, accepted.size(), in, out);
    }

    /** Checks without a constraint behind them are left out of the report. */
    private boolean isActive(int i) {
      return switch (checks[i]) {
        case "increasing" -> !constraints.increasing().isEmpty();
        case "flops" -> !constraints.flops().isUnbounded();
        case "params" -> !constraints.params().isUnbounded();
        case "acts" -> !constraints.acts().isUnbounded();
        default -> true;
      };
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
      for (String check : stats.entered().keySet()) {
        long in = stats.entered().get(check);
        long ok = stats.passed().get(check);
        sb.append(
            String.format(
                Locale.ROOT,
                "  passed %-10s %s of %s (%.3f%%)%s%n",
                check + ":",
                n.format(ok),
                n.format(in),
                in == 0 ? 0.0 : 100.0 * ok / in,
                describe(check)));
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
                          binding.equals("distinct")
                              ? ": the space holds few distinct models; ask for fewer"
                              : ": loosen that constraint, or allow more candidates with"
                                  + " --max-candidates"));
      return sb.toString().stripTrailing();
    }

    private String describe(String check) {
      return switch (check) {
        case "stages" ->
            " [num_stages == total_stages, within " + range(constraints.stages()) + "]";
        case "flops" -> " [" + range(constraints.flops()) + "]";
        case "params" -> " [" + range(constraints.params()) + "]";
        case "acts" -> " [" + range(constraints.acts()) + "]";
        case "increasing" ->
            " " + constraints.increasing().stream().map(Parameter::specName).sorted().toList();
        default -> "";
      };
    }

    private static String range(Bound b) {
      return (b.min() == null ? "-inf" : SpecNumbers.format(b.min()))
          + ", "
          + (b.max() == null ? "inf" : SpecNumbers.format(b.max()));
    }
  }
}
