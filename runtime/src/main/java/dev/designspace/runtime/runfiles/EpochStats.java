package dev.designspace.runtime.runfiles;

/**
 * One epoch of training. Errors are top-1 (and top-5) percentages; the test errors come from the
 * inference-mode build at the end of the epoch.
 */
public record EpochStats(
    int epoch,
    double trainLoss,
    double trainError,
    double testError,
    double testTop5Error,
    double lr,
    double seconds) {}
