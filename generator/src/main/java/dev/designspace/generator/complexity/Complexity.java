package dev.designspace.generator.complexity;

/**
 * Complexity of one network.
 *
 * @param flops multiply-adds of one forward pass at the input size
 * @param params trainable parameters (BN counts gamma and beta)
 * @param acts output elements of every conv, max pool and linear layer
 */
public record Complexity(long flops, long params, long acts) {
  public Complexity {
    if (flops < 0 || params < 0 || acts < 0) {
      throw new IllegalArgumentException("complexity cannot be negative");
    }
  }
}
