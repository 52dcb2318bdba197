package dev.designspace.runtime.convtuning;

import dev.designspace.layers.ConvChooser;
import dev.designspace.layers.ConvFormulation;
import dev.designspace.layers.ConvShape;
import dev.designspace.layers.GroupedConvolution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.tensorflow.TensorFlow;

/**
 * The {@code auto} choice: for each distinct grouped-convolution shape, the formulation that ran
 * forward and backward fastest on this machine. A shape is timed the first time a build asks for it
 * and the result kept in the cache file, keyed by TensorFlow version, intra-op threads, batch size
 * and shape, so later builds and later runs only look it up.
 */
public final class ConvTuner implements ConvChooser {
  /** Timed runs per candidate after warm-up: the median of 5 is steady enough to rank them. */
  private static final int WARMUP = 2;

  private static final int RUNS = 5;

  private final ConvTuningCache cache;
  private final ConvTimer timer;
  private final int batch;
  private final int threads;
  private final Consumer<String> log;
  private final Map<String, ConvTuningCache.Entry> entries;
  private final Map<String, ConvFormulation> choices = new LinkedHashMap<>();

  ConvTuner(Path cacheFile, ConvTimer timer, int batch, int threads, Consumer<String> log) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    this.cache = new ConvTuningCache(cacheFile);
    this.timer = timer;
    this.batch = batch;
    this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    this.log = log;
    this.entries = cache.read();
  }

  /** A tuner timing with TensorFlow into {@link #standardCacheFile()}, logging to stderr. */
  public static ConvTuner standard(int batch, int threads) {
    return new ConvTuner(
        standardCacheFile(),
        new SessionConvTimer(WARMUP, RUNS),
        batch,
        threads,
        line -> System.err.println(line));
  }

  /**
   * {@code $XDG_CACHE_HOME/designspace/conv-impl.json}, or {@code ~/.cache/designspace/...} when
   * that variable is not set.
   */
  public static Path standardCacheFile() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("designspace").resolve("conv-impl.json");
  }

  @Override
  public synchronized ConvFormulation choose(ConvShape shape) {
    String key = key(shape);
    ConvFormulation cached = cachedChoice(key, shape);
    if (cached != null) {
      choices.put(shape.text(), cached);
      return cached;
    }
    long start = System.nanoTime();
    Map<String, Double> millis = new LinkedHashMap<>();
    ConvFormulation best = ConvFormulation.GROUPED;
    double bestMillis = Double.POSITIVE_INFINITY;
    for (ConvFormulation f : ConvFormulation.values()) {
      if (GroupedConvolution.effective(f, shape) != f) {
        continue; // builds as another candidate: nothing of its own to time
      }
      double ms = timer.millis(shape, batch, threads, f);
      millis.put(f.externalName(), ms);
      if (ms < bestMillis) {
        best = f;
        bestMillis = ms;
      }
    }
    ConvTuningCache.Entry entry = new ConvTuningCache.Entry(best.externalName(), millis);
    entries.put(key, entry);
    choices.put(shape.text(), best);
    log.accept(
        String.format(
            Locale.ROOT,
            "conv-impl: %s, batch %d: %s %s, tuned in %.1f s",
            shape.text(),
            batch,
            best.externalName(),
            millis,
            (System.nanoTime() - start) / 1e9));
    save(key, entry);
    return best;
  }

  /** The formulation each shape asked for so far got, in the order asked. */
  public synchronized Map<String, ConvFormulation> choices() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(choices));
  }

  /** The cache key: what makes a timing valid elsewhere. */
  String key(ConvShape shape) {
    return "tf "
        + TensorFlow.version()
        + ", "
        + threads
        + " threads, batch "
        + batch
        + ", "
        + shape.text();
  }

  private ConvFormulation cachedChoice(String key, ConvShape shape) {
    ConvTuningCache.Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    try {
      ConvFormulation f = ConvFormulation.parse(entry.choice());
      return GroupedConvolution.effective(f, shape) == f ? f : null;
    } catch (IllegalArgumentException e) {
      return null; // a name this version does not know: tune again
    }
  }

  /** Merges with what other processes wrote meanwhile, then writes; tuning works without it. */
  private void save(String key, ConvTuningCache.Entry entry) {
    Map<String, ConvTuningCache.Entry> onDisk = cache.read();
    onDisk.put(key, entry);
    try {
      cache.write(onDisk);
    } catch (IOException e) {
      log.accept(
          "conv-impl: cannot write "
              + cache.file()
              + " ("
              + e.getMessage()
              + "); the choice holds for this run only");
    }
  }
}
