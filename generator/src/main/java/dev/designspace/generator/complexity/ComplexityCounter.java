package dev.designspace.generator.complexity;

import dev.designspace.generator.network.NetworkConfig;
import dev.designspace.generator.network.NetworkSettings;
import dev.designspace.model.BlockType;
import dev.designspace.model.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a network in forward order the way pycls's {@code complexity()} does (see
 * docs/algorithms.md, "Complexity"): conv, BN, max pool, global pool and linear layers update (h,
 * w), flops, params and acts; projection shortcuts are counted first at the block input resolution,
 * SE at 1x1.
 */
public final class ComplexityCounter {

  private ComplexityCounter() {}

  public static Complexity count(NetworkConfig network) {
    Walk walk = new Walk(network.settings().inputSize(), null);
    walk.network(network);
    return new Complexity(walk.flops, walk.params, walk.acts);
  }

  /** Every counted layer with running totals, in the order pycls counts them. */
  public static List<LayerCost> trace(NetworkConfig network) {
    List<LayerCost> layers = new ArrayList<>();
    new Walk(network.settings().inputSize(), layers).network(network);
    return List.copyOf(layers);
  }

  /** Mutable state of one walk; {@code trace} is null when only totals are wanted. */
  private static final class Walk {
    private long h;
    private long w;
    private long flops;
    private long params;
    private long acts;
    private final List<LayerCost> trace;

    Walk(int inputSize, List<LayerCost> trace) {
      this.h = inputSize;
      this.w = inputSize;
      this.trace = trace;
    }

    void network(NetworkConfig network) {
      NetworkSettings s = network.settings();
      int stemWidth = s.stem().width();
      conv(
          "stem/conv",
          s.inputChannels(),
          stemWidth,
          s.stem().type().kernel(),
          s.stem().type().stride(),
          1,
          false);
      bn("stem/bn", stemWidth);
      if (s.stem().type().hasMaxPool()) {
        maxPool("stem/pool", stemWidth, 3, 2);
      }
      int widthIn = stemWidth;
      List<Stage> stages = network.stages();
      for (int i = 0; i < stages.size(); i++) {
        Stage stage = stages.get(i);
        for (int j = 0; j < stage.depth(); j++) {
          String prefix = "stage" + (i + 1) + "/block" + (j + 1) + "/";
          int stride = j == 0 ? stage.stride() : 1;
          block(prefix, network, stage, widthIn, stride);
          widthIn = stage.width();
        }
      }
      if (s.headWidth() > 0) {
        conv("head/conv", widthIn, s.headWidth(), 1, 1, 1, false);
        bn("head/bn", s.headWidth());
        widthIn = s.headWidth();
      }
      globalPool("head/pool");
      linear("head/fc", widthIn, s.classes());
    }

    private void block(String prefix, NetworkConfig network, Stage stage, int wIn, int stride) {
      BlockType type = network.settings().block();
      int wOut = stage.width();
      if (type == BlockType.V) {
        conv(prefix + "conv_a", wIn, wOut, 3, stride, 1, false);
        bn(prefix + "bn_a", wOut);
        conv(prefix + "conv_b", wOut, wOut, 3, 1, 1, false);
        bn(prefix + "bn_b", wOut);
        return;
      }
      if (wIn != wOut || stride != 1) {
        long h0 = h;
        long w0 = w;
        conv(prefix + "proj/conv", wIn, wOut, 1, stride, 1, false);
        bn(prefix + "proj/bn", wOut);
        h = h0;
        w = w0;
      }
      if (type == BlockType.R) {
        conv(prefix + "conv_a", wIn, wOut, 3, stride, 1, false);
        bn(prefix + "bn_a", wOut);
        conv(prefix + "conv_b", wOut, wOut, 3, 1, 1, false);
        bn(prefix + "bn_b", wOut);
        return;
      }
      int wB = stage.bottleneckWidth();
      conv(prefix + "conv_a", wIn, wB, 1, 1, 1, false);
      bn(prefix + "bn_a", wB);
      conv(prefix + "conv_b", wB, wB, 3, stride, stage.groups(), false);
      bn(prefix + "bn_b", wB);
      int wSe = network.seWidth(wIn);
      if (wSe > 0) {
        long h0 = h;
        long w0 = w;
        globalPool(prefix + "se/pool");
        conv(prefix + "se/reduce", wB, wSe, 1, 1, 1, true);
        conv(prefix + "se/expand", wSe, wB, 1, 1, 1, true);
        h = h0;
        w = w0;
      }
      conv(prefix + "conv_c", wB, wOut, 1, 1, 1, false);
      bn(prefix + "bn_c", wOut);
    }

    private void conv(String path, int cIn, int cOut, int k, int stride, int groups, boolean bias) {
      h = (h - 1) / stride + 1;
      w = (w - 1) / stride + 1;
      // exact: a network too large for a 64-bit count fails here rather than wrapping around
      long kernel = Math.multiplyExact(Math.multiplyExact((long) k * k, (long) cIn), (long) cOut);
      long da = Math.multiplyExact(Math.multiplyExact((long) cOut, h), w);
      long df =
          Math.addExact(
              Math.multiplyExact(Math.multiplyExact(kernel, h), w) / groups, bias ? da : 0);
      long dp = kernel / groups + (bias ? cOut : 0);
      add(path, bias ? "conv+bias" : "conv", cIn, cOut, k, stride, groups, df, dp, da);
    }

    private void bn(String path, int c) {
      add(path, "bn", c, c, 0, 1, 1, 0, 2L * c, 0);
    }

    private void maxPool(String path, int c, int k, int stride) {
      h = (h - 1) / stride + 1;
      w = (w - 1) / stride + 1;
      add(
          path,
          "maxpool",
          c,
          c,
          k,
          stride,
          1,
          0,
          0,
          Math.multiplyExact(Math.multiplyExact((long) c, h), w));
    }

    private void globalPool(String path) {
      h = 1;
      w = 1;
      add(path, "gap", 0, 0, 0, 1, 1, 0, 0, 0);
    }

    private void linear(String path, int cIn, int cOut) {
      long d = (long) cIn * cOut + cOut;
      add(path, "fc+bias", cIn, cOut, 1, 1, 1, d, d, cOut);
    }

    private void add(
        String path,
        String kind,
        int cIn,
        int cOut,
        int k,
        int stride,
        int groups,
        long df,
        long dp,
        long da) {
      flops = Math.addExact(flops, df);
      params = Math.addExact(params, dp);
      acts = Math.addExact(acts, da);
      if (trace != null) {
        trace.add(
            new LayerCost(
                path,
                kind,
                cIn,
                cOut,
                k,
                stride,
                groups,
                (int) h,
                (int) w,
                new Complexity(df, dp, da),
                new Complexity(flops, params, acts)));
      }
    }
  }
}
