package dev.designspace.runtime.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a model starts and warms up. Both recipes share the optimizer, the schedule's shape, the
 * weight decay and the data; they differ only where a short schedule makes the paper's recipe
 * fragile (docs/recipes.md has the measurements behind the choice).
 */
public enum Recipe {
  /**
   * For short proxies (the default): the last BN of every residual branch starts at gamma 0, so
   * each block starts as its shortcut, and the warmup lasts at least {@link #PROXY_MIN_WARMUP_EPOCHS}
   * epochs (or the whole first half of a shorter run).
   */
  PROXY,
  /** The paper's: BN gamma 1 everywhere and a warmup of 5% of the epochs (5 of 100). */
  PAPER;

  /** The shortest warmup of the proxy recipe, in epochs. */
  public static final double PROXY_MIN_WARMUP_EPOCHS = 0.5;

  /** Whether the last BN of each residual branch starts at gamma 0. */
  public boolean zeroInitFinalGamma() {
    return this == PROXY;
  }

  /** The warmup length, in epochs, when none is given. */
  public double defaultWarmupEpochs(int epochs) {
    double paper = 0.05 * epochs;
    return this == PAPER ? paper : Math.max(paper, Math.min(PROXY_MIN_WARMUP_EPOCHS, 0.5 * epochs));
  }

  @JsonValue
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Recipe parse(String name) {
    for (Recipe r : values()) {
      if (r.specName().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("recipe must be proxy or paper, got '" + name + "'");
  }
}
