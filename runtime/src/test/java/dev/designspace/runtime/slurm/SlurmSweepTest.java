package dev.designspace.runtime.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.cli.CliRun;
import dev.designspace.runtime.sweep.SweepDirectory;
import dev.designspace.runtime.sweep.SweepModel;
import dev.designspace.runtime.sweep.TinySpec;
import dev.designspace.runtime.testing.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm launcher against a real Slurm (scripts/local-slurm.sh, started by .ci/run). Skipped
 * where no Slurm answers, unless DESIGNSPACE_REQUIRE_SLURM is set (CI), where that is a failure.
 */
class SlurmSweepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUBMITTED =
      Pattern.compile("submitted job ([0-9]+): ([0-9]+) models");

  @TempDir static Path dir;
  static Path spec;

  @BeforeAll
  static void slurmAndSpec() throws Exception {
    boolean up = SlurmCommands.squeue().isPresent();
    Prerequisite.SLURM.assume(up);
    spec = TinySpec.write(dir, "TinySlurm");
  }

  private static List<String> sweep(Path out, int count, long seed, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sweep",
                spec.toString(),
                "-n",
                String.valueOf(count),
                "--seed",
                String.valueOf(seed),
                "--batch-size",
                "32",
                "--test-limit",
                "64",
                "--launcher",
                "slurm",
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    return args;
  }

  /** Submits and returns the job id, checking how many models went. */
  private static String submit(List<String> args, int expectedModels) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher m = SUBMITTED.matcher(run.out());
    assertThat(m.find()).as(run.out()).isTrue();
    assertThat(Integer.parseInt(m.group(2))).isEqualTo(expectedModels);
    return m.group(1);
  }

  private static boolean queued(String jobId) {
    return SlurmCommands.squeue().orElseThrow().stream().anyMatch(t -> t.jobId().equals(jobId));
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Polls {@code condition} (a file or the queue: nothing to be notified by) for up to 4 minutes.
   */
  private static void awaitUntil(Condition condition, String what) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (!condition.holds()) {
      assertThat(Instant.now()).as("waited 4 minutes for: " + what).isBefore(deadline);
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private static final Set<String> FINAL_STATES =
      Set.of(
          "COMPLETED",
          "FAILED",
          "CANCELLED",
          "TIMEOUT",
          "OUT_OF_MEMORY",
          "NODE_FAIL",
          "PREEMPTED",
          "BOOT_FAIL",
          "DEADLINE");

  /**
   * Whether every task of the job is in a final state, as the controller sees it (squeue can blink
   * during a requeue).
   */
  private static boolean ended(String jobId) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("scontrol", "-o", "show", "job", jobId)
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      return out.contains("Invalid job id"); // purged from the controller: long over
    }
    List<String> states =
        Pattern.compile("JobState=(\\S+)").matcher(out).results().map(r -> r.group(1)).toList();
    return !states.isEmpty() && FINAL_STATES.containsAll(states);
  }

  /** Polls until the job is over: no task queued, every task in a final state. */
  private static void awaitEnd(String jobId) throws Exception {
    awaitUntil(() -> !queued(jobId) && ended(jobId), "job " + jobId + " ends");
  }

  private static String status(Path out) {
    CliRun run = CliRun.of(List.of("sweep", out.toString(), "--status"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out();
  }

  @Test
  void aSweepRunsAsAnArrayJobAndRetriesOnlyItsFailedModel() throws Exception {
    Path out = dir.resolve("sweep");
    // one model is made to fail: its run directory claims another model, so train refuses to resume
    // it
    SweepModel broken = SweepDirectory.prepare(spec, 4, 11, out).models().get(2);
    Path brokenRun = Files.createDirectories(out.resolve("models").resolve(broken.id()));
    Files.writeString(brokenRun.resolve("model.json"), "{\"class\" : \"not.this.Model\"}");

    List<String> args =
        sweep(out, 4, 11, "--epochs", "1", "--dataset", "synthetic:256", "--max-parallel", "2");
    String job = submit(args, 4);
    // submitted again at once: every model has a task in the queue (or, if quick, a result)
    CliRun queuedAgain = CliRun.of(args);
    assertThat(queuedAgain.exitCode()).as(queuedAgain.err()).isZero();
    Matcher skipped =
        Pattern.compile("nothing to submit: ([0-9]) with a result, ([0-9]) already queued")
            .matcher(queuedAgain.out());
    assertThat(skipped.find()).as(queuedAgain.out()).isTrue();
    assertThat(Integer.parseInt(skipped.group(1)) + Integer.parseInt(skipped.group(2)))
        .isEqualTo(4);
    // and local workers may not join in
    List<String> local = new ArrayList<>(args.subList(0, args.indexOf("--launcher")));
    local.addAll(List.of("--out", out.toString(), "--epochs", "1", "--dataset", "synthetic:256"));
    CliRun alongside = CliRun.of(local);
    assertThat(alongside.exitCode()).as(alongside.out()).isEqualTo(2);
    assertThat(alongside.err()).contains("Slurm tasks queued or running; let them finish");
    awaitEnd(job);
    String status = status(out);
    assertThat(status).contains("4 models: done 3, failed 1, diverged 0, running 0, pending 0");
    assertThat(status).contains("failed " + broken.name() + " (model): --resume would continue");
    JsonNode collected = JSON.readTree(out.resolve("sweep.json").toFile());
    assertThat(collected.get("done").asInt()).isEqualTo(3);
    assertThat(collected.get("failed").asInt()).isEqualTo(1);
    assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(5);
    assertThat(out.resolve("slurm/logs/task-0.log")).exists();
    assertThat(Files.readString(out.resolve("slurm/sweep.sbatch")))
        .contains("#SBATCH --array=0-3%2");

    CliRun report =
        CliRun.of(
            List.of(
                "report", out.toString(), "--out", dir.resolve("report/index.html").toString()));
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out()).contains("TinySlurm: 4 models (3 done)");
    assertThat(Files.readAllLines(dir.resolve("report/models.csv"))).hasSize(5);

    // the same command again: every model has a result, nothing to submit
    CliRun again = CliRun.of(args);
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("nothing to submit: 4 with a result");

    // the cause removed, --retry-failed submits exactly the failed model
    Files.delete(brokenRun.resolve("model.json"));
    List<String> retry = new ArrayList<>(args);
    retry.add("--retry-failed");
    String retryJob = submit(retry, 1);
    JsonNode jobs = JSON.readTree(out.resolve(SlurmSweep.JOBS).toFile()).get("jobs");
    assertThat(jobs).hasSize(2);
    assertThat(jobs.get(1).get("jobId").asText()).isEqualTo(retryJob);
    assertThat(jobs.get(1).get("array").asText()).isEqualTo(broken.position() + "%2");
    awaitEnd(retryJob);
    assertThat(status(out))
        .contains("4 models: done 4, failed 0, diverged 0, running 0, pending 0");
    assertThat(
            JSON.readTree(brokenRun.resolve("previous-result-1.json").toFile())
                .get("status")
                .asText())
        .isEqualTo("failed");
  }

  @Test
  void aCancelledTaskResumesFromItsCheckpointWhenSubmittedAgain() throws Exception {
    Path out = dir.resolve("cancelled");
    List<String> args = sweep(out, 1, 12, "--epochs", "6", "--dataset", "synthetic:24000");
    String job = submit(args, 1);
    Path run = awaitFirstCheckpoint(out, job);
    Process scancel = new ProcessBuilder("scancel", job).inheritIO().start();
    assertThat(scancel.waitFor()).isZero();
    awaitEnd(job);
    int checkpointed = epochsDone(run);
    assertThat(checkpointed).isBetween(1, 5);
    // the batch script passed scancel's SIGTERM on to train and recorded what stopped it: an
    // interruption, not a failed model
    JsonNode stopped = JSON.readTree(run.resolve("result.json").toFile());
    assertThat(stopped.get("status").asText()).isEqualTo("failed");
    assertThat(stopped.get("cause").asText()).isEqualTo("interrupted");
    assertThat(stopped.get("message").asText()).startsWith("train was stopped (signal 15");
    assertThat(status(out))
        .contains("done 0, failed 1 (1 lost to their environment: the sweep command trains them")
        .contains("failed " + stopped.get("id").asText() + " (interrupted): train was stopped");

    // submitted again without --retry-failed, it resumes from its checkpoint
    String resumed = submit(args, 1);
    awaitEnd(resumed);
    assertResumedAndDone(run, 6);
    assertThat(JSON.readTree(run.resolve("previous-result-1.json").toFile()).get("cause").asText())
        .isEqualTo("interrupted");
  }

  @Test
  void aRequeuedTaskResumesFromItsCheckpoint() throws Exception {
    Path out = dir.resolve("requeued");
    String job = submit(sweep(out, 1, 13, "--epochs", "4", "--dataset", "synthetic:24000"), 1);
    Path run = awaitFirstCheckpoint(out, job);
    // what preemption does: Slurm stops the task and queues it again
    scontrol("requeue", job + "_0");
    awaitUntil(
        () ->
            SlurmCommands.squeue().orElseThrow().stream()
                .anyMatch(t -> t.jobId().equals(job) && t.state().equals("PENDING")),
        "the requeued task shows as pending");
    // Slurm holds a requeued task back about 2 minutes; 5 s is enough for the node to forget the
    // old
    // run's credential (a restart within the same second is refused as "Job credential revoked")
    scontrol("update", "JobId=" + job + "_0", "StartTime=now+5");
    awaitEnd(job);
    assertResumedAndDone(run, 4);
    assertThat(Files.readString(out.resolve("slurm/logs/task-0.log")))
        .contains("(job " + job + ", restart 1, on ");
  }

  /**
   * The run finished all its epochs after resuming from a checkpoint: the epochs before it were
   * trained once.
   */
  private static void assertResumedAndDone(Path run, int epochs) throws IOException {
    JsonNode result = JSON.readTree(run.resolve("result.json").toFile());
    assertThat(result.get("status").asText()).isEqualTo("done");
    assertThat(result.get("epochs").asInt()).isEqualTo(epochs);
    String log = Files.readString(run.resolve("train.log"));
    assertThat(log).contains("resumed after epoch " + epochsDone(log));
    assertThat(log.split("epoch 1/" + epochs + ":", -1)).hasSize(2);
  }

  private static void scontrol(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("scontrol"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).inheritIO().start();
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
  }

  /**
   * Polls until the sweep's only model has its first checkpoint, while its task is still queued.
   */
  private static Path awaitFirstCheckpoint(Path out, String job) throws Exception {
    SweepModel model = SweepDirectory.open(out).models().get(0);
    Path run = out.resolve("models").resolve(model.id());
    awaitUntil(
        () -> {
          assertThat(queued(job)).as("the task ended before its first checkpoint").isTrue();
          return epochsDone(run) >= 1;
        },
        "the first checkpoint of " + model.id());
    return run;
  }

  private static int epochsDone(Path run) throws IOException {
    Path state = run.resolve("state.json");
    if (!Files.isRegularFile(state)) {
      return 0;
    }
    return Optional.ofNullable(JSON.readTree(state.toFile()).get("epochsDone"))
        .map(JsonNode::asInt)
        .orElse(0);
  }

  /** The epoch the run resumed after, from its log. */
  private static int epochsDone(String log) {
    Matcher m = Pattern.compile("resumed after epoch ([0-9]+)").matcher(log);
    assertThat(m.find()).as(log).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
