package dev.designspace.runtime.sweep;

import dev.designspace.generator.tool.DirectoryLock;
import dev.designspace.runtime.compile.CompilationClasspath;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFileReader;
import dev.designspace.runtime.runfiles.RunFileWriter;
import dev.designspace.runtime.runfiles.RunFiles;
import dev.designspace.runtime.runfiles.RunStatus;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Runs a sweep on this machine: prepares the {@link SweepDirectory}, then keeps {@code workers}
 * worker processes busy, one model each ({@code designspace train DIR --model ID --resume} into
 * {@code models/ID}). Models with a result are skipped, so rerunning resumes; a worker that ends
 * without a result is recorded as failed with the tail of its log. Stopping the sweep (Ctrl-C)
 * stops its workers; their checkpoints remain.
 */
public final class LocalSweep {
  private LocalSweep() {}

  /** What must hold before workers start, checked while the sweep holds its directory's lock. */
  public interface StartCheck {
    void check(Path directory) throws IOException;
  }

  public static SweepResult run(SweepRequest request, SweepListener listener)
      throws IOException, InterruptedException {
    return run(request, listener, directory -> {});
  }

  public static SweepResult run(SweepRequest request, SweepListener listener, StartCheck check)
      throws IOException, InterruptedException {
    try (DirectoryLock lock = SweepDirectory.lock(request.directory())) {
      check.check(request.directory());
      return runLocked(request, listener);
    }
  }

  private static SweepResult runLocked(SweepRequest request, SweepListener listener)
      throws IOException, InterruptedException {
    SweepDirectory sweep =
        SweepDirectory.prepare(
            request.spec(), request.count(), request.seed(), request.directory());
    Path dir = sweep.path();
    List<SweepModel> models = sweep.models();
    List<SweepModel> pending = new ArrayList<>();
    for (SweepModel m : models) {
      Optional<ModelResult> result = sweep.result(m);
      boolean retry =
          request.retryFailed() && result.map(r -> r.status() == RunStatus.FAILED).orElse(false);
      if (retry) {
        sweep.setAsideResult(m);
      }
      if (result.isEmpty() || retry) {
        pending.add(m);
      }
    }
    int skipped = models.size() - pending.size();
    if (skipped > 0) {
      listener.message(
          "resuming: " + skipped + " of " + models.size() + " models already have results");
    }
    // counts start from the results already on disk and follow each model's end: no re-reading
    SweepResult before = SweepCollector.collect(dir, false);
    Pool main =
        new Pool(
            models.size(), before.done(), before.failed(), before.diverged(), before.bestError());
    main.train(request, sweep, pending, sweep::modelDir, request.trainArguments(), listener);
    SweepResult result = SweepCollector.collect(dir, true);
    if (request.checkProxy() > 0) {
      checkProxy(request, sweep, listener);
    }
    return result;
  }

  /** Trains the proxy check's models at the longer schedule, then writes proxy-check.json. */
  private static void checkProxy(SweepRequest request, SweepDirectory sweep, SweepListener listener)
      throws IOException, InterruptedException {
    List<SweepModel> chosen =
        ProxyCheck.choose(sweep.models(), request.checkProxy(), request.seed());
    List<SweepModel> pending = new ArrayList<>();
    for (SweepModel m : chosen) {
      if (!Files.isRegularFile(ProxyCheck.runDir(sweep.path(), m).resolve(RunFiles.RESULT))) {
        pending.add(m);
      }
    }
    listener.message(
        String.format(
            Locale.ROOT,
            "proxy check: %d models again at %d epochs (%d to train)",
            chosen.size(),
            request.checkEpochs(),
            pending.size()));
    Pool check = new Pool(chosen.size(), chosen.size() - pending.size(), 0, 0, Double.NaN);
    check.train(
        request,
        sweep,
        pending,
        m -> ProxyCheck.runDir(sweep.path(), m),
        ProxyCheck.withEpochs(request.trainArguments(), request.checkEpochs()),
        listener);
    ProxyCheck.write(sweep.path()).ifPresent(v -> listener.message("proxy check: " + v.sentence()));
  }

  /** Worker processes over a queue of models, with the counts the listener sees. */
  private static final class Pool {
    private final int total;
    private int done;
    private int failed;
    private int diverged;
    private double best;

    Pool(int total, int done, int failed, int diverged, double best) {
      this.total = total;
      this.done = done;
      this.failed = failed;
      this.diverged = diverged;
      this.best = best;
    }

    void train(
        SweepRequest request,
        SweepDirectory sweep,
        List<SweepModel> queue,
        Function<SweepModel, Path> runDir,
        List<String> trainArguments,
        SweepListener listener)
        throws IOException, InterruptedException {
      Deque<SweepModel> pending = new ArrayDeque<>(queue);
      Map<Process, SweepModel> running = new LinkedHashMap<>();
      Thread stopper = new Thread(() -> running.keySet().forEach(Process::destroy));
      Runtime.getRuntime().addShutdownHook(stopper);
      long started = System.nanoTime();
      int finishedHere = 0;
      try {
        while (!pending.isEmpty() || !running.isEmpty()) {
          while (running.size() < request.workers() && !pending.isEmpty()) {
            SweepModel model = pending.poll();
            running.put(start(request, sweep, model, runDir.apply(model), trainArguments), model);
            listener.started(model.name(), running.size(), pending.size());
          }
          CompletableFuture<?>[] exits =
              running.keySet().stream().map(Process::onExit).toArray(CompletableFuture[]::new);
          try {
            CompletableFuture.anyOf(exits).get();
          } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
          }
          for (Process p : new ArrayList<>(running.keySet())) {
            if (!p.isAlive()) {
              SweepModel model = running.remove(p);
              ModelResult result = recordExit(model, runDir.apply(model), p.exitValue());
              finishedHere++;
              count(result.status(), result.error());
              double perModel = (System.nanoTime() - started) / 1e9 / finishedHere;
              listener.finished(
                  model.name(),
                  result.status(),
                  result.error(),
                  new SweepProgress(total, done, failed, diverged, running.size(), best, perModel));
            }
          }
        }
      } finally {
        running.keySet().forEach(Process::destroy);
        try {
          Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException e) {
          // already shutting down
        }
      }
    }

    private void count(RunStatus status, double error) {
      switch (status) {
        case DONE -> {
          done++;
          best = Double.isNaN(best) ? error : Math.min(best, error);
        }
        case DIVERGED -> diverged++;
        case FAILED -> failed++;
      }
    }
  }

  /**
   * The worker: {@code designspace train DIR --model ID} into a run directory, as every launcher
   * runs it.
   */
  private static Process start(
      SweepRequest request,
      SweepDirectory sweep,
      SweepModel model,
      Path out,
      List<String> trainArguments)
      throws IOException {
    Files.createDirectories(out);
    List<String> command = new ArrayList<>(workerCommand());
    command.addAll(
        List.of(
            "train",
            sweep.path().toAbsolutePath().toString(),
            "--model",
            model.id(),
            "--out",
            out.toAbsolutePath().toString(),
            "--resume",
            "--threads",
            String.valueOf(request.threadsPerWorker())));
    command.addAll(trainArguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("worker.log").toFile()));
    builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
    builder.environment().put("DESIGNSPACE_PLAIN_PROGRESS", "1");
    return builder.start();
  }

  /**
   * The command that runs this tool in a fresh JVM: java, the expanded classpath, the main class.
   */
  public static List<String> workerCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        String.join(
            File.pathSeparator,
            CompilationClasspath.current().stream().map(File::toString).toList());
    return List.of(java, "-cp", classpath, "dev.designspace.runtime.cli.DesignspaceMain");
  }

  /**
   * The model's result, written as failed when the worker ended without one (killed, crashed, no
   * JVM).
   */
  private static ModelResult recordExit(SweepModel model, Path runDir, int exitCode)
      throws IOException {
    Optional<ModelResult> written = RunFileReader.resultIn(runDir);
    if (written.isPresent()) {
      return written.get();
    }
    ModelResult failed =
        ModelResult.failure(
            model.name(),
            "worker exited with code "
                + exitCode
                + " and no result: "
                + tail(runDir.resolve("worker.log")),
            model.flops(),
            model.params(),
            model.acts(),
            null);
    RunFileWriter.write(runDir.resolve(RunFiles.RESULT), failed);
    return failed;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
