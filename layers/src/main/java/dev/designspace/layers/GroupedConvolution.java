package dev.designspace.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The ops of one convolution in a chosen {@link ConvFormulation}, all reading the same {@code [k,
 * k, in / groups, out]} kernel. Output channel {@code o} belongs to group {@code o / (out /
 * groups)} and sees input channels {@code [group * in / groups, (group + 1) * in / groups)}, as in
 * TensorFlow's and PyTorch's grouped convolutions.
 */
public final class GroupedConvolution {
  private GroupedConvolution() {}

  /**
   * The formulation actually built for {@code shape}: a dense convolution (one group) is always a
   * plain Conv2D, and a formulation that does not apply falls back to grouped.
   */
  public static ConvFormulation effective(ConvFormulation wanted, ConvShape shape) {
    if (shape.groups() == 1 || !wanted.appliesTo(shape)) {
      return ConvFormulation.GROUPED;
    }
    return wanted;
  }

  /**
   * The VALID convolution of {@code input} (already padded) with {@code kernel}.
   *
   * @param shape the layer's channels, kernel size and groups
   * @param stride the stride of this VALID convolution (1 where a strided 1x1 conv subsampled its
   *     input first)
   */
  public static Operand<TFloat32> build(
      Ops s,
      Operand<TFloat32> input,
      Operand<TFloat32> kernel,
      ConvShape shape,
      int stride,
      ConvFormulation formulation) {
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    return switch (effective(formulation, shape)) {
      case GROUPED -> s.withName("Conv2D").nn.conv2d(input, kernel, strides, "VALID");
      case DEPTHWISE -> depthwise(s, input, kernel, shape, strides);
      case SPLIT -> split(s, input, kernel, shape, strides);
      case BLOCKDIAG ->
          s.withName("Conv2D").nn.conv2d(input, blockDiagonal(s, kernel, shape), strides, "VALID");
    };
  }

  /**
   * With one input channel per group the kernel [k, k, 1, out] read as [k, k, in, out / in] is a
   * depthwise filter: output channel {@code i * (out / in) + m} is channel {@code i}'s multiplier
   * {@code m}, the same order as the grouped conv's.
   */
  private static Operand<TFloat32> depthwise(
      Ops s,
      Operand<TFloat32> input,
      Operand<TFloat32> kernel,
      ConvShape shape,
      List<Long> strides) {
    Ops d = s.withSubScope("depthwise");
    int k = shape.kernel();
    Operand<TFloat32> filter =
        d.reshape(kernel, d.constant(new int[] {k, k, shape.in(), shape.out() / shape.in()}));
    return s.withName("DepthwiseConv2D").nn.depthwiseConv2dNative(input, filter, strides, "VALID");
  }

  private static Operand<TFloat32> split(
      Ops s,
      Operand<TFloat32> input,
      Operand<TFloat32> kernel,
      ConvShape shape,
      List<Long> strides) {
    Ops g = s.withSubScope("split");
    long groups = shape.groups();
    Operand<TInt32> channelAxis = g.constant(3);
    Split<TFloat32> inputs = g.withName("input").split(channelAxis, input, groups);
    Split<TFloat32> kernels = g.withName("kernel").split(channelAxis, kernel, groups);
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (int i = 0; i < groups; i++) {
      outputs.add(
          g.withName("Conv2D_" + i)
              .nn
              .conv2d(inputs.output().get(i), kernels.output().get(i), strides, "VALID"));
    }
    return s.withName("Concat").concat(outputs, channelAxis);
  }

  /**
   * [k, k, in, out] with block (group, group) the group's [k, k, in / groups, out / groups] kernel
   * and zeros elsewhere: the kernel tiled along the input channels, times a constant 0/1 mask. The
   * gradient reaches the variable through the tile (a sum of the masked blocks).
   */
  static Operand<TFloat32> blockDiagonal(Ops s, Operand<TFloat32> kernel, ConvShape shape) {
    Ops b = s.withSubScope("blockdiag");
    int in = shape.in();
    int out = shape.out();
    int inPerGroup = in / shape.groups();
    int outPerGroup = out / shape.groups();
    float[] mask = new float[in * out];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        mask[i * out + o] = i / inPerGroup == o / outPerGroup ? 1f : 0f;
      }
    }
    Operand<TFloat32> tiled = b.tile(kernel, b.constant(new int[] {1, 1, shape.groups(), 1}));
    return b.math.mul(tiled, b.constant(Shape.of(1, 1, in, out), DataBuffers.of(mask)));
  }
}
