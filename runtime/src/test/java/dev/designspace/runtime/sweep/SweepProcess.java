package dev.designspace.runtime.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** A {@code designspace sweep} in its own process, for tests that stop it part way. */
final class SweepProcess {
  private SweepProcess() {}

  /** Starts {@code designspace sweep SPEC -n COUNT --seed SEED --workers 1 --out OUT ARGS}. */
  static Process start(Path spec, int count, long seed, Path out, Path log, List<String> trainArgs)
      throws IOException {
    List<String> command = new ArrayList<>(LocalSweep.workerCommand());
    command.addAll(
        List.of(
            "sweep",
            spec.toString(),
            "-n",
            String.valueOf(count),
            "--seed",
            String.valueOf(seed),
            "--workers",
            "1",
            "--out",
            out.toString()));
    command.addAll(trainArgs);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * Waits until {@code out} holds {@code results} model results or the sweep ends (at most 3
   * minutes), waking as soon as the sweep ends.
   */
  static void awaitResults(Process sweep, Path out, int results)
      throws IOException, InterruptedException, ExecutionException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (countResults(out) < results && sweep.isAlive() && Instant.now().isBefore(deadline)) {
      try {
        sweep.onExit().get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        // poll the result files again
      }
    }
  }

  static int countResults(Path out) throws IOException {
    Path models = out.resolve(SweepDirectory.MODELS);
    if (!Files.isDirectory(models)) {
      return 0;
    }
    try (Stream<Path> entries = Files.list(models)) {
      return (int) entries.filter(m -> Files.isRegularFile(m.resolve("result.json"))).count();
    }
  }
}
