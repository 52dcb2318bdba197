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
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Runs a sweep on this machine: prepares the {@link SweepDirectory}, then keeps {@code workers}
 * worker processes busy, each training one model at a time ({@code designspace train DIR --model ID
 * --resume} into {@code models/ID}): persistent workers train model after model in one JVM, or
 * (per-model) a new JVM runs each. Models with a result are skipped, so rerunning resumes; a model
 * whose training ends without a result, or whose worker dies, is recorded as failed with the exit
 * code and the tail of its log, and a new worker takes the next model. Stopping the sweep (Ctrl-C)
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
      Map<CompletableFuture<SweepWorker.ModelExit>, InFlight> running = new LinkedHashMap<>();
      Deque<SweepWorker> idle = new ArrayDeque<>();
      Set<SweepWorker> all = ConcurrentHashMap.newKeySet();
      Thread stopper = new Thread(() -> all.forEach(SweepWorker::kill));
      Runtime.getRuntime().addShutdownHook(stopper);
      long started = System.nanoTime();
      int finishedHere = 0;
      boolean completed = false;
      try {
        while (!pending.isEmpty() || !running.isEmpty()) {
          while (running.size() < request.workers() && !pending.isEmpty()) {
            SweepModel model = pending.poll();
            while (!idle.isEmpty() && !idle.peek().reusable()) { // ended while idle (killed)
              SweepWorker gone = idle.poll();
              gone.close();
              all.remove(gone);
            }
            SweepWorker worker = idle.isEmpty() ? newWorker(request.workerMode()) : idle.poll();
            all.add(worker);
            Path out = runDir.apply(model);
            Files.createDirectories(out);
            running.put(
                worker.train(trainCommand(request, sweep, model, out, trainArguments), out),
                new InFlight(model, worker));
            listener.started(model.name(), running.size(), pending.size());
          }
          try {
            CompletableFuture.anyOf(running.keySet().toArray(CompletableFuture[]::new)).get();
          } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
          }
          for (var entry : new ArrayList<>(running.entrySet())) {
            if (!entry.getKey().isDone()) {
              continue;
            }
            running.remove(entry.getKey());
            SweepModel model = entry.getValue().model();
            SweepWorker worker = entry.getValue().worker();
            SweepWorker.ModelExit exit = entry.getKey().join();
            Path out = runDir.apply(model);
            ModelResult result = recordExit(model, out, exit.exitCode());
            noteWorker(out, exit);
            if (worker.reusable()) {
              idle.add(worker);
            } else { // a per-model worker, or one that died: the next model gets a new one
              worker.close();
              all.remove(worker);
            }
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
        completed = true;
      } finally {
        // idle workers are told to stop; on an error or interruption every worker is killed
        for (SweepWorker worker : all) {
          if (completed) {
            worker.close();
          } else {
            worker.kill();
          }
        }
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

  /** A model being trained, and by which worker. */
  private record InFlight(SweepModel model, SweepWorker worker) {}

  private static SweepWorker newWorker(WorkerMode mode) throws IOException {
    return switch (mode) {
      case PERSISTENT -> PersistentWorker.start();
      case PER_MODEL -> new PerModelWorker();
    };
  }

  /**
   * What every launcher runs for a model: {@code designspace train DIR --model ID} into its run
   * directory.
   */
  private static List<String> trainCommand(
      SweepRequest request,
      SweepDirectory sweep,
      SweepModel model,
      Path out,
      List<String> trainArguments) {
    List<String> command =
        new ArrayList<>(
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
    return command;
  }

  /**
   * The environment of every worker process: plain progress lines, quiet native logs, and
   * TensorFlow's oneDNN kernels on, without which it cannot train grouped convolutions on CPUs that
   * lack AVX-512 VNNI, AVX-VNNI or AMX (docs/training.md).
   */
  static void workerEnvironment(ProcessBuilder builder) {
    builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
    builder.environment().putIfAbsent("TF_ENABLE_ONEDNN_OPTS", "1");
    builder.environment().put("DESIGNSPACE_PLAIN_PROGRESS", "1");
  }

  /**
   * Which persistent worker trained the model, as its log's last line: the process, how many models
   * it had trained, and its resident memory afterwards.
   */
  private static void noteWorker(Path runDir, SweepWorker.ModelExit exit) throws IOException {
    if (exit.end() == null) {
      return;
    }
    Files.writeString(
        runDir.resolve(SweepWorker.LOG),
        String.format(
            Locale.ROOT,
            "trained by worker pid %d (its model %d), VmRSS %d kB after it%n",
            exit.end().pid(),
            exit.end().jobs(),
            exit.end().residentKb()),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
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
                + tail(runDir.resolve(SweepWorker.LOG)),
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
