package dev.designspace.runtime.slurm;

import dev.designspace.runtime.sweep.SweepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Slurm client commands the launcher runs: sbatch to submit, squeue to see what is queued. */
final class SlurmCommands {
  private static final long TIMEOUT_SECONDS = 120;

  /** One array task in the queue, with the working directory its job was submitted with. */
  record QueuedTask(String jobId, int task, String state, String workDir) {
    boolean running() {
      return state.equals("RUNNING") || state.equals("COMPLETING");
    }
  }

  private record Output(int exitCode, String stdout, String stderr) {}

  /** sbatch refused the job or could not run: certainly nothing was queued. */
  static final class SbatchRefused extends SweepException {
    SbatchRefused(String message) {
      super(message);
    }
  }

  private SlurmCommands() {}

  /**
   * The command that submits {@code script} with the sweep directory as the job's working
   * directory.
   */
  static List<String> sbatchCommand(Path script, Path workingDirectory) {
    return List.of(
        "sbatch", "--parsable", "--chdir", workingDirectory.toString(), script.toString());
  }

  /** Submits and returns the job id. */
  static String sbatch(Path script, Path workingDirectory) {
    Output out;
    try {
      out = run(sbatchCommand(script, workingDirectory));
    } catch (IOException e) {
      if (e.getMessage().contains("did not answer")) {
        throw new SweepException(
            e.getMessage()
                + ": the job may have been queued all the same; look with squeue"
                + " before submitting again");
      }
      throw new SbatchRefused(
          "cannot run sbatch ("
              + e.getMessage()
              + "): run the sweep where Slurm's commands are"
              + " on the PATH, or add --dry-run to write the script only");
    }
    if (out.exitCode() != 0) {
      throw new SbatchRefused(
          "sbatch refused the job (exit code "
              + out.exitCode()
              + "): "
              + out.stderr().strip()
              + "; the script is "
              + script);
    }
    String id =
        out.stdout().strip().split("[;\\s]", 2)[0]; // --parsable prints "id" or "id;cluster"
    if (!id.matches("[0-9]+")) {
      throw new SweepException("sbatch printed no job id: '" + out.stdout().strip() + "'");
    }
    return id;
  }

  /**
   * The cluster's MaxArraySize (array indices must be below it), or empty when scontrol does not
   * say.
   */
  static OptionalInt maxArraySize() {
    try {
      Output out = run(List.of("scontrol", "show", "config"));
      return out.exitCode() == 0 ? parseMaxArraySize(out.stdout()) : OptionalInt.empty();
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }

  /** "MaxArraySize = 1001" from {@code scontrol show config}. */
  static OptionalInt parseMaxArraySize(String config) {
    Matcher m = Pattern.compile("(?m)^MaxArraySize\\s*=\\s*([0-9]+)\\s*$").matcher(config);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** The current user's array tasks, or empty when squeue cannot be run or fails. */
  static Optional<List<QueuedTask>> squeue() {
    Output out;
    try {
      out = run(List.of("squeue", "--noheader", "--array", "--me", "--format", "%F %K %T %Z"));
    } catch (IOException e) {
      return Optional.empty();
    }
    if (out.exitCode() != 0) {
      return Optional.empty();
    }
    return Optional.of(parseQueue(out.stdout()));
  }

  /**
   * Lines of "ARRAY_JOB_ID TASK_ID STATE WORK_DIR" (the directory last: it may hold spaces); jobs
   * that are not array tasks ("N/A") are left out.
   */
  static List<QueuedTask> parseQueue(String squeueOutput) {
    List<QueuedTask> tasks = new ArrayList<>();
    for (String line : squeueOutput.split("\n")) {
      String[] f = line.strip().split("\\s+", 4);
      if (f.length == 4 && f[1].matches("[0-9]+")) {
        tasks.add(new QueuedTask(f[0], Integer.parseInt(f[1]), f[2], f[3]));
      }
    }
    return tasks;
  }

  private static Output run(List<String> command) throws IOException {
    Path stdout = Files.createTempFile("designspace-slurm", ".out");
    Path stderr = Files.createTempFile("designspace-slurm", ".err");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command.get(0) + " did not answer within " + TIMEOUT_SECONDS + " s");
      }
      return new Output(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(command.get(0) + " was interrupted");
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }
}
