package dev.designspace.runtime.train;

/**
 * Linear warmup, then half-period cosine to 0 over the whole run, evaluated per step (pycls
 * evaluates it per epoch over 100 epochs; a proxy of a few epochs needs the finer steps): {@code
 * lr(t) = lr * 0.5 * (1 + cos(pi * t / T)) * w(t)}, with {@code w} rising linearly from the warmup
 * factor to 1 over the warmup steps.
 */
public record LearningRateSchedule(
    double peak, long totalSteps, long warmupSteps, double warmupFactor) {
  public LearningRateSchedule {
    if (totalSteps < 1) {
      throw new IllegalArgumentException("a schedule needs at least one step");
    }
  }

  public static LearningRateSchedule of(TrainOptions options, int stepsPerEpoch) {
    long total = (long) options.epochs() * stepsPerEpoch;
    long warmup = Math.round(options.effectiveWarmupEpochs() * stepsPerEpoch);
    return new LearningRateSchedule(
        options.learningRate(),
        Math.max(1, total),
        Math.min(warmup, total),
        options.warmupFactor());
  }

  public double at(long step) {
    double cosine = 0.5 * (1 + Math.cos(Math.PI * step / totalSteps));
    double warm = 1.0;
    if (step < warmupSteps) {
      double alpha = (double) step / warmupSteps;
      warm = warmupFactor * (1 - alpha) + alpha;
    }
    return peak * cosine * warm;
  }
}
