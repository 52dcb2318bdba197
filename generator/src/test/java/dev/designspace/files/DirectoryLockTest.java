package dev.designspace.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {

  @Test
  void oneHolderAtATimeAndFreeAgainAfterClose(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run"); // created by the lock
    try (DirectoryLock held = DirectoryLock.tryAcquire(run, ".lock").orElseThrow()) {
      assertThat(Files.isRegularFile(run.resolve(".lock"))).isTrue();
      assertThat(DirectoryLock.tryAcquire(run, ".lock")).isEmpty();
    }
    Optional<DirectoryLock> again = DirectoryLock.tryAcquire(run, ".lock");
    assertThat(again).isPresent();
    again.get().close();
  }

  @Test
  void locksOfDifferentFilesAreIndependent(@TempDir Path dir) throws Exception {
    try (DirectoryLock a = DirectoryLock.tryAcquire(dir, "a.lock").orElseThrow();
        DirectoryLock b = DirectoryLock.tryAcquire(dir, "b.lock").orElseThrow()) {
      assertThat(DirectoryLock.tryAcquire(dir, "a.lock")).isEmpty();
    }
  }
}
