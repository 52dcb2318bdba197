package dev.designspace.generator.complexity;

/**
 * One counted layer and its share of the complexity, with running totals: a row of pycls's
 * complexity walk.
 *
 * @param path where the layer sits, e.g. {@code stem/conv}, {@code stage2/block1/conv_b}, {@code
 *     head/fc}
 * @param kind {@code conv}, {@code conv+bias}, {@code bn}, {@code maxpool}, {@code gap} or {@code
 *     fc+bias}
 */
public record LayerCost(
    String path,
    String kind,
    int inChannels,
    int outChannels,
    int kernel,
    int stride,
    int groups,
    int height,
    int width,
    Complexity delta,
    Complexity total) {}
