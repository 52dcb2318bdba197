package dev.designspace.runtime.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.designspace.generator.emit.AtomicFiles;
import dev.designspace.generator.spec.SpecLoader;
import dev.designspace.runtime.sweep.LocalSweep;
import dev.designspace.runtime.sweep.SweepDirectory;
import dev.designspace.runtime.sweep.SweepModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a sweep on Slurm: prepares the sweep directory as the local launcher does, writes an sbatch
 * array script with one task per model still to train and submits it. The tasks write into the
 * shared directory, so {@code report} and {@code --status} read the same files as for a local sweep.
 * Submitting again submits only what has no result and no queued task.
 */
public final class SlurmSweep {
  public static final String SLURM = "slurm";
  public static final String SCRIPT = "slurm/sweep.sbatch";
  public static final String JOBS = "slurm/jobs.json";
  /** Where a failed result goes when --retry-failed submits its model again. */
  public static final String PREVIOUS_RESULT = "previous-result.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SlurmSweep() {}

  public static SlurmSubmission submit(SlurmRequest request) throws IOException {
    String spaceName = SpecLoader.load(request.spec()).name();
    SweepDirectory sweep = SweepDirectory.prepare(request.spec(), request.count(), request.seed(),
        request.directory().toAbsolutePath().normalize());
    Map<Integer, SlurmCommands.QueuedTask> queued = request.dryRun() ? Map.of() : queuedTasks(sweep.path());
    List<Integer> tasks = new ArrayList<>();
    List<SweepModel> retried = new ArrayList<>();
    int withResult = 0;
    int alreadyQueued = 0;
    int failedKept = 0;
    for (SweepModel m : sweep.models()) {
      Optional<JsonNode> result = sweep.result(m);
      boolean failed = result.map(r -> r.path("status").asText().equals("failed")).orElse(false);
      if (queued.containsKey(m.position())) {
        alreadyQueued++;
      } else if (result.isEmpty()) {
        tasks.add(m.position());
      } else if (failed && request.retryFailed()) {
        tasks.add(m.position());
        retried.add(m);
      } else {
        withResult++;
        failedKept += failed ? 1 : 0;
      }
    }
    if (tasks.isEmpty()) {
      return new SlurmSubmission(null, List.of(), List.of(), null, withResult, alreadyQueued, failedKept);
    }
    List<String> trainArguments = new ArrayList<>(request.trainArguments());
    if (request.options().gpusPerTask() > 0 && !trainArguments.contains("--device")) {
      trainArguments.addAll(List.of("--device", "gpu:0")); // Slurm makes the task's GPUs visible from 0
    }
    SbatchScript script = new SbatchScript(spaceName, sweep.path(), sweep.models(), tasks, request.options(),
        LocalSweep.workerCommand(), trainArguments);
    Path file = sweep.path().resolve(SCRIPT);
    Files.createDirectories(sweep.path().resolve(SLURM).resolve("logs"));
    AtomicFiles.write(file, script.render().getBytes(StandardCharsets.UTF_8));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = SlurmCommands.sbatchCommand(file, sweep.path());
    if (request.dryRun()) {
      return new SlurmSubmission(file, command, tasks, null, withResult, alreadyQueued, failedKept);
    }
    // the failed result stays beside the model until its retry writes a new one
    for (SweepModel m : retried) {
      Path dir = sweep.modelDir(m);
      Files.move(dir.resolve(SweepDirectory.RESULT), dir.resolve(PREVIOUS_RESULT), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
    String jobId;
    try {
      jobId = SlurmCommands.sbatch(file, sweep.path());
    } catch (RuntimeException e) {
      for (SweepModel m : retried) { // not submitted: the failure stands
        Path dir = sweep.modelDir(m);
        Files.move(dir.resolve(PREVIOUS_RESULT), dir.resolve(SweepDirectory.RESULT), StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    recordJob(sweep.path(), jobId, tasks, script.directives().get(1));
    return new SlurmSubmission(file, command, tasks, jobId, withResult, alreadyQueued, failedKept);
  }

  /** Counts from the result files and, when it answers, squeue. */
  public static SweepStatus status(Path directory) throws IOException {
    SweepDirectory sweep = SweepDirectory.open(directory);
    Set<String> jobs = jobIds(directory);
    Optional<List<SlurmCommands.QueuedTask>> queue = jobs.isEmpty() ? Optional.empty() : SlurmCommands.squeue();
    Map<Integer, SlurmCommands.QueuedTask> queued = new HashMap<>();
    queue.ifPresent(q -> q.stream().filter(t -> jobs.contains(t.jobId())).forEach(t -> queued.put(t.task(), t)));
    int done = 0;
    int failed = 0;
    int diverged = 0;
    int running = 0;
    int pending = 0;
    int notQueued = 0;
    List<String> failures = new ArrayList<>();
    for (SweepModel m : sweep.models()) {
      Optional<JsonNode> result = sweep.result(m);
      if (result.isPresent()) {
        switch (result.get().path("status").asText()) {
          case "done" -> done++;
          case "diverged" -> diverged++;
          default -> {
            failed++;
            failures.add(m.id() + ": " + result.get().path("message").asText("(no message)"));
          }
        }
      } else if (queue.isPresent()) {
        SlurmCommands.QueuedTask task = queued.get(m.position());
        if (task == null) {
          notQueued++;
        } else if (task.running()) {
          running++;
        } else {
          pending++;
        }
      }
    }
    return new SweepStatus(directory, sweep.models().size(), done, failed, diverged, running, pending, notQueued,
        jobs.size(), queue.isPresent(), failures);
  }

  /** Tasks of this sweep's jobs that squeue lists, by array index. */
  private static Map<Integer, SlurmCommands.QueuedTask> queuedTasks(Path directory) throws IOException {
    Set<String> jobs = jobIds(directory);
    Map<Integer, SlurmCommands.QueuedTask> queued = new HashMap<>();
    if (!jobs.isEmpty()) {
      SlurmCommands.squeue().orElse(List.of()).stream().filter(t -> jobs.contains(t.jobId()))
          .forEach(t -> queued.put(t.task(), t));
    }
    return queued;
  }

  private static Set<String> jobIds(Path directory) throws IOException {
    Path file = directory.resolve(JOBS);
    Set<String> ids = new HashSet<>();
    if (Files.isRegularFile(file)) {
      for (JsonNode job : JSON.readTree(file.toFile()).path("jobs")) {
        ids.add(job.path("jobId").asText());
      }
    }
    return ids;
  }

  /** Appends the job to slurm/jobs.json (atomically), so that status and resubmission know its tasks. */
  private static void recordJob(Path directory, String jobId, List<Integer> tasks, String arrayDirective)
      throws IOException {
    Path file = directory.resolve(JOBS);
    ObjectNode root = Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
    ArrayNode jobs = root.has("jobs") ? (ArrayNode) root.get("jobs") : root.putArray("jobs");
    ObjectNode job = jobs.addObject();
    job.put("jobId", jobId);
    job.put("array", arrayDirective.substring(arrayDirective.indexOf('=') + 1));
    job.put("models", tasks.size());
    job.put("submitted", Instant.now().toString());
    AtomicFiles.write(file, JSON.writeValueAsBytes(root));
  }
}
