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
      Prepared prepared = Prepared.of(request, listener);
      new Pool(request.workers(), request.workerMode()).train(prepared.jobs());
      return prepared.finish();
    }
  }

  /**
   * Several sweeps through one pool of workers, in order: the next sweep's models start as soon as
   * a worker is free, so no worker idles while the last models of a sweep finish, and persistent
   * workers carry over from one sweep to the next. Each sweep is prepared, resumed, recorded and
   * proxy-checked as {@link #run} does; the requests must agree on workers, threads and worker
   * mode.
   *
   * @param listeners one per request, in the same order
   * @return one result per request, in the same order
   */
  public static List<SweepResult> runAll(
      List<SweepRequest> requests, List<? extends SweepListener> listeners)
      throws IOException, InterruptedException {
    if (requests.isEmpty() || requests.size() != listeners.size()) {
      throw new IllegalArgumentException("one listener per sweep, and at least one sweep");
    }
    SweepRequest first = requests.get(0);
    for (SweepRequest r : requests) {
      if (r.workers() != first.workers()
          || r.threadsPerWorker() != first.threadsPerWorker()
          || r.workerMode() != first.workerMode()) {
        throw new IllegalArgumentException(
            "sweeps sharing workers need the same workers, threads and worker mode");
      }
    }
    List<DirectoryLock> locks = new ArrayList<>();
    try {
      List<Prepared> prepared = new ArrayList<>();
      List<Job> jobs = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        locks.add(SweepDirectory.lock(requests.get(i).directory()));
        Prepared p = Prepared.of(requests.get(i), listeners.get(i));
        prepared.add(p);
        jobs.addAll(p.jobs());
      }
      new Pool(first.workers(), first.workerMode()).train(jobs);
      List<SweepResult> results = new ArrayList<>();
      for (Prepared p : prepared) {
        results.add(p.finish());
      }
      return results;
    } finally {
      for (DirectoryLock lock : locks) {
        lock.close();
      }
    }
  }

  /** A sweep whose directory is ready and whose models without a result are queued. */
  private record Prepared(
      SweepRequest request, SweepDirectory sweep, List<Job> jobs, SweepListener listener) {

    static Prepared of(SweepRequest request, SweepListener listener) throws IOException {
      SweepDirectory sweep =
          SweepDirectory.prepare(
              request.spec(), request.count(), request.seed(), request.directory(), request.grow());
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
      if (skipped > 0 && !request.grow()) {
        listener.message(
            "resuming: " + skipped + " of " + models.size() + " models already have results");
      }
      // counts start from the results already on disk and follow each model's end: no re-reading
      SweepResult before = SweepCollector.collect(sweep.path(), false);
      Counts counts =
          new Counts(
              models.size(),
              pending.size(),
              before.done(),
              before.failed(),
              before.diverged(),
              before.bestError());
      List<Job> jobs = new ArrayList<>();
      for (SweepModel m : pending) {
        jobs.add(
            new Job(
                trainCommand(request, sweep, m, sweep.modelDir(m), request.trainArguments()),
                m,
                sweep.modelDir(m),
                counts,
                listener));
      }
      return new Prepared(request, sweep, jobs, listener);
    }

    /** The sweep's record once its models have ended, then its proxy check if it asks for one. */
    SweepResult finish() throws IOException, InterruptedException {
      SweepResult result = SweepCollector.collect(sweep.path(), true);
      if (request.checkProxy() > 0) {
        checkProxy(request, sweep, listener);
      }
      return result;
    }
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
    Counts counts =
        new Counts(chosen.size(), pending.size(), chosen.size() - pending.size(), 0, 0, Double.NaN);
    List<String> arguments = ProxyCheck.withEpochs(request.trainArguments(), request.checkEpochs());
    List<Job> jobs = new ArrayList<>();
    for (SweepModel m : pending) {
      Path out = ProxyCheck.runDir(sweep.path(), m);
      jobs.add(new Job(trainCommand(request, sweep, m, out, arguments), m, out, counts, listener));
    }
    new Pool(request.workers(), request.workerMode()).train(jobs);
    ProxyCheck.write(sweep.path()).ifPresent(v -> listener.message("proxy check: " + v.sentence()));
  }

  /** One model to train: its {@code train} command, where it runs, whose counts it moves. */
  private record Job(
      List<String> command, SweepModel model, Path runDir, Counts counts, SweepListener listener) {}

  /** One sweep's counts as its listener sees them, from the results on disk at its start. */
  private static final class Counts {
    private final int total;
    private int queued;
    private int done;
    private int failed;
    private int diverged;
    private int running;
    private double best;
    private long firstStarted;
    private int finishedHere;

    Counts(int total, int queued, int done, int failed, int diverged, double best) {
      this.total = total;
      this.queued = queued;
      this.done = done;
      this.failed = failed;
      this.diverged = diverged;
      this.best = best;
    }

    /** A model of the sweep was handed to a worker. */
    void started() {
      if (finishedHere == 0 && running == 0) {
        firstStarted = System.nanoTime();
      }
      queued--;
      running++;
    }

    SweepProgress ended(RunStatus status, double error) {
      running--;
      finishedHere++;
      switch (status) {
        case DONE -> {
          done++;
          best = Double.isNaN(best) ? error : Math.min(best, error);
        }
        case DIVERGED -> diverged++;
        case FAILED -> failed++;
      }
      double perModel = (System.nanoTime() - firstStarted) / 1e9 / finishedHere;
      return new SweepProgress(total, done, failed, diverged, running, best, perModel);
    }
  }

  /** Worker processes over a queue of models. */
  private static final class Pool {
    private final int workers;
    private final WorkerMode mode;

    Pool(int workers, WorkerMode mode) {
      this.workers = workers;
      this.mode = mode;
    }

    void train(List<Job> queue) throws IOException, InterruptedException {
      Deque<Job> pending = new ArrayDeque<>(queue);
      Map<CompletableFuture<SweepWorker.ModelExit>, InFlight> inFlight = new LinkedHashMap<>();
      Deque<SweepWorker> idle = new ArrayDeque<>();
      Set<SweepWorker> all = ConcurrentHashMap.newKeySet();
      Thread stopper = new Thread(() -> all.forEach(SweepWorker::kill));
      Runtime.getRuntime().addShutdownHook(stopper);
      boolean completed = false;
      try {
        while (!pending.isEmpty() || !inFlight.isEmpty()) {
          while (inFlight.size() < workers && !pending.isEmpty()) {
            Job job = pending.poll();
            while (!idle.isEmpty() && !idle.peek().reusable()) { // ended while idle (killed)
              SweepWorker gone = idle.poll();
              gone.close();
              all.remove(gone);
            }
            SweepWorker worker = idle.isEmpty() ? newWorker(mode) : idle.poll();
            all.add(worker);
            Files.createDirectories(job.runDir());
            inFlight.put(worker.train(job.command(), job.runDir()), new InFlight(job, worker));
            job.counts().started();
            job.listener().started(job.model().name(), job.counts().running, job.counts().queued);
          }
          try {
            CompletableFuture.anyOf(inFlight.keySet().toArray(CompletableFuture[]::new)).get();
          } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
          }
          for (var entry : new ArrayList<>(inFlight.entrySet())) {
            if (!entry.getKey().isDone()) {
              continue;
            }
            inFlight.remove(entry.getKey());
            Job job = entry.getValue().job();
            SweepWorker worker = entry.getValue().worker();
            SweepWorker.ModelExit exit = entry.getKey().join();
            ModelResult result = recordExit(job.model(), job.runDir(), exit.exitCode());
            noteWorker(job.runDir(), exit);
            if (worker.reusable()) {
              idle.add(worker);
            } else { // a per-model worker, or one that died: the next model gets a new one
              worker.close();
              all.remove(worker);
            }
            SweepProgress progress = job.counts().ended(result.status(), result.error());
            job.listener().finished(result, progress);
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
  }

  /** A model being trained, and by which worker. */
  private record InFlight(Job job, SweepWorker worker) {}

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
