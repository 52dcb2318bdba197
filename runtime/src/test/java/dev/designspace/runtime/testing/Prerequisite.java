package dev.designspace.runtime.testing;

import java.util.Map;
import org.opentest4j.TestAbortedException;

/**
 * Something a test needs from the machine (a tool, a data set): where it is missing the test is
 * skipped, unless the environment variable {@code requiredBy} is set (as .ci/run sets it once it
 * has installed the thing), where missing is a failure, so CI cannot pass by skipping.
 *
 * @param requiredBy the environment variable that makes it required, e.g.
 *     DESIGNSPACE_REQUIRE_CHROMIUM
 * @param what what is missing and how to get it, e.g. "Chromium (.ci/run installs it)"
 */
public record Prerequisite(String requiredBy, String what) {
  public static final Prerequisite CHROMIUM =
      new Prerequisite("DESIGNSPACE_REQUIRE_CHROMIUM", "Chromium (.ci/run installs it)");
  public static final Prerequisite FASHION_MNIST =
      new Prerequisite(
          "DESIGNSPACE_REQUIRE_FASHION_MNIST",
          "the full Fashion-MNIST of the Debian package dataset-fashion-mnist (.ci/run installs"
              + " it)");
  public static final Prerequisite SHELLCHECK =
      new Prerequisite(
          "DESIGNSPACE_REQUIRE_SHELLCHECK", "shellcheck on the PATH (.ci/run installs it)");
  public static final Prerequisite MOUNT =
      new Prerequisite(
          "DESIGNSPACE_REQUIRE_MOUNT",
          "the right to mount a small tmpfs, as root has (.ci/run runs the tests as root)");
  public static final Prerequisite SLURM =
      new Prerequisite(
          "DESIGNSPACE_REQUIRE_SLURM",
          "a Slurm whose squeue answers (scripts/local-slurm.sh start runs one)");

  /** Returns when {@code present}; otherwise skips the test, or fails it where required. */
  public void assume(boolean present) {
    check(present, System.getenv());
  }

  /** Whether to run an optional part of a test: false where missing, a failure where required. */
  public boolean optional(boolean present) {
    return available(present, System.getenv());
  }

  void check(boolean present, Map<String, String> environment) {
    if (!available(present, environment)) {
      throw new TestAbortedException("needs " + what);
    }
  }

  boolean available(boolean present, Map<String, String> environment) {
    if (!present && environment.get(requiredBy) != null) {
      throw new AssertionError(
          "needs " + what + ", and " + requiredBy + " is set, so its absence is a failure");
    }
    return present;
  }
}
