package dev.designspace.runtime.train;

import java.util.Arrays;

/** Input wait and session run of each step, in nanoseconds, for {@link StepSplit}'s medians. */
final class StepTimes {
  private final long[] inputWait;
  private final long[] run;
  private int steps;

  StepTimes(int capacity) {
    inputWait = new long[capacity];
    run = new long[capacity];
  }

  void add(long inputWaitNanos, long runNanos) {
    inputWait[steps] = inputWaitNanos;
    run[steps] = runNanos;
    steps++;
  }

  /** The medians so far, with images per second over {@code seconds} of {@code images}. */
  StepSplit split(long images, double seconds) {
    return new StepSplit(
        medianMillis(inputWait, steps),
        medianMillis(run, steps),
        seconds > 0 ? images / seconds : 0);
  }

  private static double medianMillis(long[] nanos, int n) {
    if (n == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
    return median / 1e6;
  }
}
