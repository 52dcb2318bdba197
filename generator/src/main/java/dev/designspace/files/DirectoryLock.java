package dev.designspace.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock on a directory, held through a lock file in it by one process at a time (a run
 * directory while a model trains into it, a sweep directory while a sweep works on it). The
 * operating system releases it when the process dies, so a crash leaves no stale lock behind.
 */
public final class DirectoryLock implements AutoCloseable {
  private final FileChannel channel;

  private DirectoryLock(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * Takes the lock of {@code directory} (created if missing) through its file {@code lockFile}, or
   * returns empty when another process, or this one, holds it.
   */
  public static Optional<DirectoryLock> tryAcquire(Path directory, String lockFile)
      throws IOException {
    Files.createDirectories(directory);
    FileChannel channel =
        FileChannel.open(
            directory.resolve(lockFile), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) { // held by this process
      lock = null;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    return Optional.of(new DirectoryLock(channel));
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      channel.close(); // closing the channel releases its lock
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
