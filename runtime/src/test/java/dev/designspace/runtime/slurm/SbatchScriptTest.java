package dev.designspace.runtime.slurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.designspace.runtime.runfiles.FailureCause;
import dev.designspace.runtime.runfiles.ModelResult;
import dev.designspace.runtime.runfiles.RunFileReader;
import dev.designspace.runtime.runfiles.RunFileWriter;
import dev.designspace.runtime.sweep.SweepModel;
import dev.designspace.runtime.testing.Prerequisite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sbatch script, run by bash without Slurm: a stub "java" records the arguments it gets, so
 * every hostile value must arrive as exactly one word and nothing in it may run.
 */
class SbatchScriptTest {
  private static final String HOSTILE =
      "$(touch PWNED) `touch PWNED` ${HOME} 'q' \"d\" \\b; touch PWNED & #x\n%a *";

  @TempDir Path dir;

  private Path sweep() throws IOException {
    return Files.createDirectories(dir.resolve("sweep " + HOSTILE.replace("\n", " ")));
  }

  /** A "java" that writes its arguments NUL-separated to $ARGS_FILE and exits with $STUB_EXIT. */
  private Path stubJava() throws IOException {
    Path stub = dir.resolve("java-stub");
    Files.writeString(
        stub, "#!/bin/sh\nprintf '%s\\0' \"$@\" > \"$ARGS_FILE\"\nexit \"${STUB_EXIT:-0}\"\n");
    Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    return stub;
  }

  private static SweepModel model(int position, String name) {
    return new SweepModel(
        position,
        "Tiny_s000" + position,
        name,
        "dev.designspace.models.Tiny_s000" + position,
        "dev/designspace/models/Tiny_s000" + position + ".java",
        64_068,
        3_708,
        3_076);
  }

  private SbatchScript script(
      Path sweep, SweepModel model, List<String> trainArguments, SlurmOptions options)
      throws IOException {
    return new SbatchScript(
        "Tiny " + HOSTILE,
        sweep,
        List.of(model(0, "first"), model),
        List.of(model.position()),
        options,
        List.of(
            stubJava().toString(), "-cp", "/opt/lib/a b.jar:" + HOSTILE, "dev.designspace.Main"),
        trainArguments);
  }

  private record Ran(int exitCode, String output) {}

  private Ran run(Path script, int task, Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true);
    builder.environment().put("SLURM_ARRAY_TASK_ID", String.valueOf(task));
    builder.environment().put("ARGS_FILE", dir.resolve("args").toString());
    builder.environment().putAll(env);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Ran(p.exitValue(), output);
  }

  /**
   * Another task: holds {@code lock} with flock(1) from when this returns until its stdin is
   * closed.
   */
  private Process holdLock(Path lock) throws IOException, InterruptedException {
    Path ready = dir.resolve("locked");
    Files.deleteIfExists(ready);
    Process holder =
        new ProcessBuilder(
                "flock",
                lock.toString(),
                "sh",
                "-c",
                "touch \"$0\"; cat >/dev/null",
                ready.toString())
            .start();
    while (!Files.exists(ready)) {
      assertThat(holder.isAlive()).as("flock ended before it held the lock").isTrue();
      holder.waitFor(20, TimeUnit.MILLISECONDS);
    }
    return holder;
  }

  private static boolean onPath(String command) {
    return java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, command)));
  }

  private Path write(SbatchScript script) throws IOException {
    Path file = dir.resolve("sweep.sbatch");
    Files.writeString(file, script.render());
    return file;
  }

  private List<String> recordedArguments() throws IOException {
    String recorded = Files.readString(dir.resolve("args"));
    return Arrays.asList(recorded.substring(0, recorded.length() - 1).split("\0", -1));
  }

  @Test
  void everyValueReachesTrainAsOneWordAndNothingInItRuns() throws Exception {
    Path sweep = sweep();
    List<String> trainArguments =
        List.of("--epochs", "2", "--dataset", "imagefolder:/data/" + HOSTILE, "--lr", "0.1");
    Path file =
        write(
            script(
                sweep,
                model(1, "Tiny'" + HOSTILE),
                trainArguments,
                new SlurmOptions(null, null, 0, 3, null)));

    Process syntax =
        new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
    assertThat(new String(syntax.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEmpty();
    assertThat(syntax.waitFor()).isZero();

    if (Prerequisite.SHELLCHECK.optional(
        onPath(
            "shellcheck"))) { // installed by .ci/run; its "info" notes that '$(...)' stays literal,
      // which is the point
      Process lint =
          new ProcessBuilder("shellcheck", "--shell=bash", "--severity=warning", file.toString())
              .redirectErrorStream(true)
              .start();
      String findings = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(lint.waitFor()).as(findings).isZero();
    }

    Ran ran = run(file, 1, Map.of("SLURM_CPUS_PER_TASK", "3"));
    assertThat(ran.exitCode()).as(ran.output()).isZero();
    List<String> expected =
        new ArrayList<>(
            List.of(
                "-cp",
                "/opt/lib/a b.jar:" + HOSTILE,
                "dev.designspace.Main",
                "train",
                sweep.toString(),
                "--model",
                "Tiny_s0001",
                "--out",
                sweep + "/models/Tiny_s0001",
                "--resume",
                "--threads",
                "3"));
    expected.addAll(trainArguments);
    assertThat(recordedArguments()).containsExactlyElementsOf(expected);
    try (var files = Files.walk(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("PWNED");
    }
    assertThat(sweep.resolve("models/Tiny_s0001")).isDirectory();
  }

  @Test
  void aTrainThatEndsWithoutAResultIsRecordedAsFailedInValidJson() throws Exception {
    Path sweep = sweep();
    String name = "Tiny \"quoted\" \\ back\ttab\nline " + HOSTILE;
    Path file =
        write(
            script(
                sweep,
                model(1, name),
                List.of("--epochs", "1"),
                new SlurmOptions(null, null, 0, 1, null)));
    Ran ran = run(file, 1, Map.of("STUB_EXIT", "3"));
    assertThat(ran.exitCode()).isEqualTo(3);
    JsonNode result =
        new ObjectMapper().readTree(sweep.resolve("models/Tiny_s0001/result.json").toFile());
    assertThat(result.get("id").asText()).isEqualTo(name);
    assertThat(result.get("status").asText()).isEqualTo("failed");
    assertThat(result.get("error").asDouble()).isEqualTo(100.0);
    assertThat(result.get("message").asText())
        .isEqualTo("train exited with code 3 and no result; see slurm/logs/task-1.log");
    assertThat(result.get("flops").asLong()).isEqualTo(64_068);
    assertThat(result.get("params").asLong()).isEqualTo(3_708);
    assertThat(result.get("acts").asLong()).isEqualTo(3_076);
    // the shell's failure reads as the failure every launcher writes, and is written as designspace
    // writes it
    ModelResult failure =
        ModelResult.failure(
            name,
            "train exited with code 3 and no result; see slurm/logs/task-1.log",
            64_068,
            3_708,
            3_076,
            null);
    assertThat(RunFileReader.result(sweep.resolve("models/Tiny_s0001/result.json")))
        .isEqualTo(failure);
    Path written = dir.resolve("written-by-java.json");
    RunFileWriter.write(written, failure);
    assertThat(Files.readString(sweep.resolve("models/Tiny_s0001/result.json")))
        .isEqualTo(Files.readString(written));

    // a task killed (a node failure) left no result: its failure is the environment's
    Files.delete(sweep.resolve("models/Tiny_s0001/result.json"));
    Ran killed = run(file, 1, Map.of("STUB_EXIT", "137"));
    assertThat(killed.exitCode()).isEqualTo(137);
    ModelResult lost = RunFileReader.result(sweep.resolve("models/Tiny_s0001/result.json"));
    assertThat(lost.cause()).isEqualTo(FailureCause.ENVIRONMENT);
    assertThat(lost.message()).startsWith("train was killed (SIGKILL: a node failure");
    assertThat(lost.finalForResume()).isFalse();
    // a requeued task trains it again, the lost result kept
    Files.delete(dir.resolve("args"));
    Ran requeued = run(file, 1, Map.of());
    assertThat(requeued.exitCode()).isZero();
    assertThat(dir.resolve("args")).exists(); // java ran
    assertThat(RunFileReader.result(sweep.resolve("models/Tiny_s0001/previous-result-1.json")))
        .isEqualTo(lost);

    // a task whose model has a result (not failed) does not train it again
    Files.delete(dir.resolve("args"));
    Files.writeString(sweep.resolve("models/Tiny_s0001/result.json"), "{\"status\" : \"done\"}");
    Ran again = run(file, 1, Map.of());
    assertThat(again.exitCode()).isZero();
    assertThat(again.output()).contains("already has a result");
    assertThat(dir.resolve("args")).doesNotExist();

    // an index outside the sweep is an error, not a guess
    assertThat(run(file, 7, Map.of()).output()).contains("this sweep has no model with index 7");
  }

  @Test
  void aModelLockedByAnotherTaskIsLeftToIt() throws Exception {
    Path sweep = sweep();
    Path file =
        write(
            script(
                sweep,
                model(1, "Tiny"),
                List.of("--epochs", "1"),
                new SlurmOptions(null, null, 0, 1, null)));
    Path lock = Files.createDirectories(sweep.resolve("models/Tiny_s0001")).resolve("task.lock");
    Process holder = holdLock(lock);
    try {
      Ran ran = run(file, 1, Map.of("DESIGNSPACE_LOCK_WAIT", "1"));
      assertThat(ran.exitCode()).isZero();
      assertThat(ran.output()).contains("another task has held " + lock + " for 1 s");
      assertThat(dir.resolve("args")).doesNotExist();
    } finally {
      holder.getOutputStream().close();
      holder.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(run(file, 1, Map.of()).exitCode()).isZero();
    assertThat(dir.resolve("args")).exists();
  }

  /** A requeued task whose previous java is still stopping waits for its lock, then trains. */
  @Test
  void aTaskWaitsForTheLockOfAStoppingTask() throws Exception {
    Path sweep = sweep();
    Path file =
        write(
            script(
                sweep,
                model(1, "Tiny"),
                List.of("--epochs", "1"),
                new SlurmOptions(null, null, 0, 1, null)));
    Process holder =
        holdLock(Files.createDirectories(sweep.resolve("models/Tiny_s0001")).resolve("task.lock"));
    ProcessBuilder builder =
        new ProcessBuilder("bash", file.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true);
    builder
        .environment()
        .putAll(
            Map.of(
                "SLURM_ARRAY_TASK_ID",
                "1",
                "ARGS_FILE",
                dir.resolve("args").toString(),
                "DESIGNSPACE_LOCK_WAIT",
                "60"));
    Process task = builder.start();
    try (var lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(task.getInputStream(), StandardCharsets.UTF_8))) {
      String first = lines.readLine(); // the task has started and is now at the lock
      assertThat(first).contains("task 1: Tiny");
      assertThat(task.isAlive()).isTrue();
      holder.getOutputStream().close(); // the stopping task ends
      assertThat(task.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(task.exitValue()).isZero();
    assertThat(dir.resolve("args")).exists();
  }

  @Test
  void directivesCarryTheOptionsAndOnlySafeText() throws IOException {
    Path sweep = sweep();
    SbatchScript script =
        new SbatchScript(
            "Tiny " + HOSTILE,
            sweep,
            List.of(model(0, "a"), model(1, "b")),
            List.of(0, 1),
            new SlurmOptions("gpu,debug", 90, 2, 8, 16),
            List.of("java", "-cp", "x", "Main"),
            List.of());
    assertThat(script.directives())
        .containsExactly(
            "--job-name=ds-Tiny___touch_PWNED___touch_PWNED____HOME___q___d___b__touch_P", // 64
            // characters
            "--array=0-1%16",
            "--ntasks=1",
            "--output=slurm/logs/task-%a.log",
            "--open-mode=append",
            "--requeue",
            "--cpus-per-task=8",
            "--partition=gpu,debug",
            "--time=90",
            "--gpus-per-task=2");
    String text = script.render();
    assertThat(text.lines().filter(l -> l.startsWith("#SBATCH"))).hasSize(10);
    // a plain path also goes into a --chdir directive, so that the script can be submitted from
    // anywhere
    Path plain = Files.createDirectories(dir.resolve("plain sweep"));
    SbatchScript plainScript =
        new SbatchScript(
            "Tiny",
            plain,
            List.of(model(0, "a")),
            List.of(0),
            new SlurmOptions(null, null, 0, 1, null),
            List.of("java", "-cp", "x", "Main"),
            List.of());
    assertThat(plainScript.directives()).contains("--chdir=\"" + plain + "\"");
  }

  @Test
  void arrayRangesAndOptionChecks() {
    assertThat(SbatchScript.arrayRanges(List.of(0, 1, 2, 5, 7, 8))).isEqualTo("0-2,5,7-8");
    assertThat(SbatchScript.arrayRanges(List.of(9, 3))).isEqualTo("3,9");
    assertThat(SbatchScript.arrayRanges(List.of(4))).isEqualTo("4");
    assertThatThrownBy(() -> new SlurmOptions("gpu; rm -rf /", null, 0, 1, null))
        .hasMessageContaining("--partition must be a Slurm partition name");
    assertThatThrownBy(() -> new SlurmOptions(null, 0, 0, 1, null))
        .hasMessageContaining("--time-limit must be >= 1");
    assertThatThrownBy(() -> new SlurmOptions(null, null, 0, 0, null))
        .hasMessageContaining("--cpus-per-task must be >= 1");
    assertThatThrownBy(() -> new SlurmOptions(null, null, 0, 1, 0))
        .hasMessageContaining("--max-parallel must be >= 1");
    assertThat(
            SlurmCommands.parseMaxArraySize(
                "MaxArraySize            = 1001\nMaxJobCount             = 10000\n"))
        .hasValue(1001);
    assertThat(SlurmCommands.parseMaxArraySize("MaxJobCount = 10000\n")).isEmpty();
    assertThat(
            SlurmCommands.parseQueue(
                "12 0 RUNNING /runs/a b\n12 3 PENDING /runs/x\n13 N/A RUNNING /home\n"))
        .containsExactly(
            new SlurmCommands.QueuedTask("12", 0, "RUNNING", "/runs/a b"),
            new SlurmCommands.QueuedTask("12", 3, "PENDING", "/runs/x"));
  }
}
