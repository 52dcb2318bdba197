package dev.designspace.runtime.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.generator.emit.AtomicFiles;
import dev.designspace.generator.emit.GenerationRequest;
import dev.designspace.generator.emit.GenerationResult;
import dev.designspace.generator.emit.ModelSource;
import dev.designspace.generator.emit.SourceGeneration;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.compile.CompilationClasspath;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs a sweep on this machine: writes {@code spec.yaml} (extends applied), the generated sources
 * and {@code manifest.json}, then keeps {@code workers} worker processes busy, one model each
 * ({@code designspace train ... --resume} into {@code models/ID}). Models with a result are
 * skipped, so rerunning resumes; a worker that ends without a result is recorded as failed with
 * the tail of its log. Stopping the sweep (Ctrl-C) stops its workers; their checkpoints remain.
 */
public final class LocalSweep {
  static final ObjectMapper JSON = new ObjectMapper();
  public static final String MODELS = "models";

  private LocalSweep() {}

  public static SweepResult run(SweepRequest request, SweepListener listener) throws IOException, InterruptedException {
    Path dir = request.directory();
    Files.createDirectories(dir.resolve(MODELS));
    AtomicFiles.write(dir.resolve("spec.yaml"), SpecLoader.resolvedYaml(request.spec()).getBytes(StandardCharsets.UTF_8));
    GenerationResult generated = SourceGeneration.generate(new GenerationRequest(List.of(request.spec()), request.count(),
        request.seed(), GenerationRequest.DEFAULT_PACKAGE, dir.resolve("src")));
    Files.copy(generated.manifest(), dir.resolve(SourceGeneration.MANIFEST), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    List<ModelSource> models = generated.models();
    Deque<Integer> pending = new ArrayDeque<>();
    for (int i = 0; i < models.size(); i++) {
      if (!Files.isRegularFile(modelDir(dir, models.get(i)).resolve("result.json"))) {
        pending.add(i);
      }
    }
    int skipped = models.size() - pending.size();
    if (skipped > 0) {
      listener.message("resuming: " + skipped + " of " + models.size() + " models already have results");
    }
    Map<Process, Integer> running = new LinkedHashMap<>();
    Thread stopper = new Thread(() -> running.keySet().forEach(Process::destroy));
    Runtime.getRuntime().addShutdownHook(stopper);
    long started = System.nanoTime();
    int finishedHere = 0;
    // counts start from the results already on disk and follow each model's end: no re-reading
    SweepResult before = SweepCollector.collect(dir, false);
    int done = before.done();
    int failed = before.failed();
    int diverged = before.diverged();
    double best = before.bestError();
    try {
      while (!pending.isEmpty() || !running.isEmpty()) {
        while (running.size() < request.workers() && !pending.isEmpty()) {
          int index = pending.poll();
          running.put(start(request, models.get(index)), index);
          listener.started(models.get(index).modelName(), running.size(), pending.size());
        }
        CompletableFuture<?>[] exits = running.keySet().stream().map(Process::onExit).toArray(CompletableFuture[]::new);
        try {
          CompletableFuture.anyOf(exits).get();
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
        for (Process p : new ArrayList<>(running.keySet())) {
          if (!p.isAlive()) {
            ModelSource model = models.get(running.remove(p));
            JsonNode result = recordExit(dir, model, p.exitValue());
            finishedHere++;
            String status = result.path("status").asText();
            double error = result.path("error").asDouble();
            switch (status) {
              case "done" -> {
                done++;
                best = Double.isNaN(best) ? error : Math.min(best, error);
              }
              case "diverged" -> diverged++;
              default -> failed++;
            }
            double perModel = (System.nanoTime() - started) / 1e9 / finishedHere;
            listener.finished(model.modelName(), status, error,
                new SweepProgress(models.size(), done, failed, diverged, running.size(), best, perModel));
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
    return SweepCollector.collect(dir, true);
  }

  static Path modelDir(Path sweep, ModelSource model) {
    return sweep.resolve(MODELS).resolve(model.className());
  }

  private static Process start(SweepRequest request, ModelSource model) throws IOException {
    Path out = modelDir(request.directory(), model);
    Files.createDirectories(out);
    List<String> command = new ArrayList<>(workerCommand());
    command.addAll(List.of("train", request.spec().toAbsolutePath().toString(),
        "--seed", String.valueOf(model.seed()), "--index", String.valueOf(model.sampleIndex()),
        "--out", out.toAbsolutePath().toString(), "--resume", "--threads", String.valueOf(request.threadsPerWorker())));
    command.addAll(request.trainArguments());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("worker.log").toFile()));
    builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
    builder.environment().put("DESIGNSPACE_PLAIN_PROGRESS", "1");
    return builder.start();
  }

  /** The command that runs this tool in a fresh JVM: java, the expanded classpath, the main class. */
  public static List<String> workerCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = String.join(File.pathSeparator,
        CompilationClasspath.current().stream().map(File::toString).toList());
    return List.of(java, "-cp", classpath, "dev.designspace.runtime.cli.DesignspaceMain");
  }

  /** The model's result, written as failed when the worker ended without one. */
  private static JsonNode recordExit(Path sweep, ModelSource model, int exitCode) throws IOException {
    Path result = modelDir(sweep, model).resolve("result.json");
    if (Files.isRegularFile(result)) {
      return JSON.readTree(result.toFile());
    }
    Map<String, Object> failed = new LinkedHashMap<>();
    failed.put("id", model.modelName());
    failed.put("status", "failed");
    failed.put("error", 100.0);
    failed.put("message", "worker exited with code " + exitCode + " and no result: " + tail(modelDir(sweep, model)
        .resolve("worker.log")));
    failed.put("flops", model.complexity().flops());
    failed.put("params", model.complexity().params());
    failed.put("acts", model.complexity().acts());
    AtomicFiles.write(result, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(failed));
    return JSON.valueToTree(failed);
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
