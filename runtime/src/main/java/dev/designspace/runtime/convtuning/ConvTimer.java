package dev.designspace.runtime.convtuning;

import dev.designspace.layers.ConvFormulation;
import dev.designspace.layers.ConvShape;

/** Times one formulation of one convolution shape: forward and backward, in milliseconds. */
@FunctionalInterface
interface ConvTimer {
  double millis(ConvShape shape, int batch, int threads, ConvFormulation formulation);
}
