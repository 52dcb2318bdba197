package dev.designspace.runtime.convimpl;

import dev.designspace.runtime.nn.ConvFormulation;
import dev.designspace.runtime.nn.ConvShape;

/** Times one formulation of one convolution shape: forward and backward, in milliseconds. */
@FunctionalInterface
interface ConvTimer {
  double millis(ConvShape shape, int batch, int threads, ConvFormulation formulation);
}
