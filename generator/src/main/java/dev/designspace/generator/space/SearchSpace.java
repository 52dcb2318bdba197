package dev.designspace.generator.space;

import dev.designspace.generator.random.Distribution;
import java.util.List;
import java.util.Objects;

/** How to draw one candidate network. */
public sealed interface SearchSpace permits SearchSpace.AnyNet, SearchSpace.RegNet {

  /** The {@code family:} name in specs. */
  String family();

  /**
   * AnyNet: per stage, draw depth, width, bottleneck ratio and group width (once for all stages
   * when the parameter is shared).
   */
  record AnyNet(
      int stages,
      List<Integer> strides,
      Distribution depth,
      Distribution width,
      Distribution bottleneckRatio,
      Distribution groupWidth)
      implements SearchSpace {

    public AnyNet {
      strides = List.copyOf(strides);
      if (stages < 1) {
        throw new IllegalArgumentException("stages must be >= 1, got " + stages);
      }
      if (strides.size() != stages) {
        throw new IllegalArgumentException(
            "strides has " + strides.size() + " entries, stages is " + stages);
      }
      Objects.requireNonNull(depth, "depth");
      Objects.requireNonNull(width, "width");
      Objects.requireNonNull(bottleneckRatio, "bottleneckRatio");
      // null group width: one group, a dense 3x3 conv
    }

    @Override
    public String family() {
      return "anynet";
    }
  }

  /** RegNet: draw (d, w0, wa, wm, g, b) and quantise (paper section 4). */
  record RegNet(
      Distribution depth,
      Distribution w0,
      Distribution wa,
      Distribution wm,
      Distribution groupWidth,
      Distribution bottleneckRatio)
      implements SearchSpace {

    public RegNet {
      Objects.requireNonNull(depth, "depth");
      Objects.requireNonNull(w0, "w0");
      Objects.requireNonNull(wa, "wa");
      Objects.requireNonNull(wm, "wm");
      Objects.requireNonNull(groupWidth, "groupWidth");
      Objects.requireNonNull(bottleneckRatio, "bottleneckRatio");
    }

    @Override
    public String family() {
      return "regnet";
    }
  }
}
