package dev.designspace.layers;

import java.util.Objects;

/**
 * Options of a build that are not architecture.
 *
 * @param zeroInitFinalGamma start the last BN of every residual branch at gamma 0 (pycls
 *     BN.ZERO_INIT_FINAL_GAMMA; off by default, as in every RegNet config)
 * @param bnMomentum moving-average momentum in TensorFlow's convention: moving = m * moving + (1 -
 *     m) * batch (0.9 is PyTorch's 0.1)
 * @param bnEpsilon added to the variance
 * @param seed initialiser seed: the same seed gives the same initial weights
 * @param convChooser the formulation of each grouped convolution (the variables are the same in
 *     every formulation; only the ops and their speed differ)
 */
public record LayerOptions(
    boolean zeroInitFinalGamma,
    float bnMomentum,
    float bnEpsilon,
    long seed,
    ConvChooser convChooser) {
  public static final LayerOptions DEFAULTS =
      new LayerOptions(false, 0.9f, 1e-5f, 0, ConvChooser.GROUPED);

  public LayerOptions {
    if (!(bnMomentum >= 0 && bnMomentum < 1)) {
      throw new IllegalArgumentException("BN momentum must be in [0, 1), got " + bnMomentum);
    }
    if (!(bnEpsilon > 0)) {
      throw new IllegalArgumentException("BN epsilon must be > 0, got " + bnEpsilon);
    }
    Objects.requireNonNull(convChooser, "convChooser");
  }

  public LayerOptions withSeed(long newSeed) {
    return new LayerOptions(zeroInitFinalGamma, bnMomentum, bnEpsilon, newSeed, convChooser);
  }

  public LayerOptions withZeroInitFinalGamma(boolean value) {
    return new LayerOptions(value, bnMomentum, bnEpsilon, seed, convChooser);
  }

  public LayerOptions withConvChooser(ConvChooser value) {
    return new LayerOptions(zeroInitFinalGamma, bnMomentum, bnEpsilon, seed, value);
  }
}
