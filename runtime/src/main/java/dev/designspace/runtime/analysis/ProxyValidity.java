package dev.designspace.runtime.analysis;

import java.util.List;
import java.util.Locale;

/**
 * Whether a short training schedule (the proxy) ranks a design space's models the way a longer one
 * does: the rank correlation of the two errors over models trained both ways, and a verdict.
 *
 * <p>The verdict is <i>trusted</i> when Spearman's rho is at least {@link #TRUSTED_RHO} and its
 * bootstrap interval stays above 0, <i>not trusted</i> when rho is below {@link #WEAK_RHO} or the
 * interval reaches below 0, <i>weak</i> in between, and <i>too few models</i> below {@link
 * #MIN_MODELS} pairs (rank correlations of fewer models say little).
 */
public record ProxyValidity(
    List<String> ids,
    double[] proxyErrors,
    double[] longErrors,
    int proxyEpochs,
    int longEpochs,
    RankCorrelation correlation,
    Verdict verdict) {

  public static final int MIN_MODELS = 5;
  public static final double TRUSTED_RHO = 0.7;
  public static final double WEAK_RHO = 0.4;

  public enum Verdict {
    TRUSTED,
    WEAK,
    NOT_TRUSTED,
    TOO_FEW_MODELS
  }

  public ProxyValidity {
    ids = List.copyOf(ids);
    proxyErrors = proxyErrors.clone();
    longErrors = longErrors.clone();
  }

  /** Pairs {@code proxyErrors[i]} and {@code longErrors[i]} belong to model {@code ids[i]}. */
  public static ProxyValidity of(
      List<String> ids,
      double[] proxyErrors,
      double[] longErrors,
      int proxyEpochs,
      int longEpochs,
      long seed) {
    if (ids.size() != proxyErrors.length || ids.size() != longErrors.length) {
      throw new IllegalArgumentException("one proxy and one longer error per model");
    }
    RankCorrelation c = ids.size() >= 2 ? RankCorrelation.of(proxyErrors, longErrors, seed) : null;
    return new ProxyValidity(ids, proxyErrors, longErrors, proxyEpochs, longEpochs, c, verdict(c));
  }

  static Verdict verdict(RankCorrelation c) {
    if (c == null || c.n() < MIN_MODELS || Double.isNaN(c.spearman())) {
      return Verdict.TOO_FEW_MODELS;
    }
    double low = c.spearmanInterval().low();
    if (c.spearman() < WEAK_RHO || !(low > 0)) {
      return Verdict.NOT_TRUSTED;
    }
    return c.spearman() >= TRUSTED_RHO ? Verdict.TRUSTED : Verdict.WEAK;
  }

  /** One sentence a reader can act on. */
  public String sentence() {
    String schedules = proxyEpochs + "-epoch proxy against " + longEpochs + " epochs";
    if (correlation == null || verdict == Verdict.TOO_FEW_MODELS) {
      return String.format(
          Locale.ROOT,
          "Too few models were trained both ways (%d, %s) to judge the proxy;"
              + " check at least %d.",
          ids.size(),
          schedules,
          MIN_MODELS);
    }
    String figures =
        String.format(
            Locale.ROOT,
            "Spearman %.2f [%.2f, %.2f], Kendall %.2f [%.2f, %.2f], %d models, %s",
            correlation.spearman(),
            correlation.spearmanInterval().low(),
            correlation.spearmanInterval().high(),
            correlation.kendall(),
            correlation.kendallInterval().low(),
            correlation.kendallInterval().high(),
            ids.size(),
            schedules);
    return switch (verdict) {
      case TRUSTED ->
          "The proxy can be trusted to rank this space: it orders models as longer training does ("
              + figures
              + ").";
      case WEAK ->
          "The proxy ranks this space only roughly like longer training ("
              + figures
              + "): read small differences between EDFs with care.";
      default ->
          "The proxy cannot be trusted to rank this space: its order disagrees with longer training"
              + " ("
              + figures
              + "). Train longer or change the recipe before comparing spaces.";
    };
  }
}
