package dev.designspace.runtime.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One JVM for one model: {@code designspace train ...} with its output appended to the log. */
final class PerModelWorker implements SweepWorker {
  private Process process;

  @Override
  public CompletableFuture<ModelExit> train(List<String> trainArguments, Path runDir)
      throws IOException {
    if (process != null) {
      throw new IllegalStateException("a per-model worker trains one model");
    }
    List<String> command = new ArrayList<>(LocalSweep.workerCommand());
    command.addAll(trainArguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve(LOG).toFile()));
    LocalSweep.workerEnvironment(builder);
    process = builder.start();
    return process.onExit().thenApply(p -> new ModelExit(p.exitValue(), null));
  }

  @Override
  public boolean reusable() {
    return false;
  }

  @Override
  public void close() {
    kill();
  }

  @Override
  public void kill() {
    if (process != null) {
      process.destroy();
    }
  }
}
