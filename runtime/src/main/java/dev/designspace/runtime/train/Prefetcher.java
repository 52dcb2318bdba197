package dev.designspace.runtime.train;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Takes the items of another feed on a thread of its own, up to {@code depth} ahead of the
 * consumer, so that the consumer only waits when preparing an item takes longer than using one. The
 * items and their order are the source's: one thread takes them in turn. Closing stops the thread,
 * waits for it to end, and closes the items it prepared that were not handed out; a failure while
 * preparing is thrown by the {@link #next} that would have returned the item.
 */
final class Prefetcher<T extends AutoCloseable> implements Feed<T> {
  /** A prepared item, or why the thread could not prepare it. */
  private record Slot<T>(T item, Throwable failure) {}

  private final BlockingQueue<Slot<T>> queue;
  private final long count;
  private final Thread thread;
  private long handedOut;
  private Throwable failure;

  /**
   * Starts taking {@code count} items from {@code source} (closed when the thread ends) on a daemon
   * thread named {@code name}.
   */
  Prefetcher(Feed<T> source, long count, int depth, String name) {
    if (depth < 1) {
      throw new IllegalArgumentException("prefetch depth must be >= 1, got " + depth);
    }
    this.queue = new ArrayBlockingQueue<>(depth);
    this.count = count;
    this.thread = new Thread(() -> produce(source), name);
    thread.setDaemon(true); // never keeps the JVM alive, even if a caller forgets to close
    thread.start();
  }

  private void produce(Feed<T> source) {
    try (source) {
      for (long i = 0; i < count; i++) {
        T item;
        try {
          item = source.next();
        } catch (RuntimeException | Error e) {
          queue.put(new Slot<>(null, e));
          return;
        }
        try {
          queue.put(new Slot<>(item, null));
        } catch (InterruptedException e) {
          release(item);
          return;
        }
      }
    } catch (InterruptedException e) {
      // closed while handing on a failure: nobody is left to throw it to
    }
  }

  @Override
  public T next() {
    if (failure != null) {
      throw new IllegalStateException("preparing a batch failed: " + failure, failure);
    }
    if (handedOut == count) {
      throw new NoSuchElementException("all " + count + " items were handed out");
    }
    Slot<T> slot;
    try {
      slot = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the next batch", e);
    }
    if (slot.failure() != null) {
      failure = slot.failure();
      throw new IllegalStateException("preparing a batch failed: " + failure, failure);
    }
    handedOut++;
    return slot.item();
  }

  /** Stops the thread, waits for it to end, then closes every item left in the queue. */
  @Override
  public void close() {
    thread.interrupt();
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true; // finish closing first: the thread may still own native memory
      }
    }
    RuntimeException firstFailure = null;
    for (Slot<T> slot = queue.poll(); slot != null; slot = queue.poll()) {
      if (slot.item() != null) {
        try {
          release(slot.item());
        } catch (RuntimeException e) {
          firstFailure = firstFailure == null ? e : firstFailure;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (firstFailure != null) {
      throw firstFailure;
    }
  }

  private static void release(AutoCloseable item) {
    try {
      item.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot close a prepared item: " + e.getMessage(), e);
    }
  }
}
