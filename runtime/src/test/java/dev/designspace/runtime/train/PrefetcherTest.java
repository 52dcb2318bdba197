package dev.designspace.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * The prefetching thread hands on the source's items in order, closes what it prepared and did not
 * hand out, passes failures on, and ends when closed.
 */
class PrefetcherTest {
  private static final String THREAD = "prefetcher-test";

  /** An item that counts how often it was closed. */
  static final class Item implements AutoCloseable {
    final int value;
    int closes;

    Item(int value) {
      this.value = value;
    }

    @Override
    public void close() {
      closes++;
    }
  }

  /** Items 0, 1, 2, ...; item {@code failAt} cannot be made. Remembers what it made. */
  static final class Counting implements Feed<Item> {
    final List<Item> made = new ArrayList<>();
    final int failAt;
    boolean closed;

    Counting(int failAt) {
      this.failAt = failAt;
    }

    @Override
    public Item next() {
      if (made.size() == failAt) {
        throw new IllegalArgumentException("item " + failAt + " is broken");
      }
      Item item = new Item(made.size());
      made.add(item);
      return item;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void handsOnEveryItemInOrderThenStops() {
    Counting source = new Counting(-1);
    List<Integer> seen = new ArrayList<>();
    try (Prefetcher<Item> feed = new Prefetcher<>(source, 7, 2, THREAD)) {
      for (int i = 0; i < 7; i++) {
        try (Item item = feed.next()) {
          seen.add(item.value);
        }
      }
      assertThatThrownBy(feed::next)
          .isInstanceOf(NoSuchElementException.class)
          .hasMessage("all 7 items were handed out");
    }
    assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(source.made).hasSize(7).allSatisfy(item -> assertThat(item.closes).isEqualTo(1));
    assertThat(source.closed).isTrue();
    assertThat(prefetchThreads(THREAD)).isEmpty();
  }

  /** Stopped after one item: the thread ends, and each item made is closed exactly once. */
  @Test
  void closingEarlyClosesWhatWasPreparedAndEndsTheThread() {
    Counting source = new Counting(-1);
    Prefetcher<Item> feed = new Prefetcher<>(source, 1000, 2, THREAD);
    try (Item first = feed.next()) {
      assertThat(first.value).isZero();
    }
    feed.close();
    assertThat(prefetchThreads(THREAD)).isEmpty();
    assertThat(source.closed).isTrue();
    // the one handed out, up to 2 queued and one the thread held when it was stopped
    assertThat(source.made.size()).isBetween(1, 4);
    assertThat(source.made).allSatisfy(item -> assertThat(item.closes).isEqualTo(1));
  }

  @Test
  void aFailureWhilePreparingIsThrownInPlaceOfTheItem() {
    Counting source = new Counting(2);
    try (Prefetcher<Item> feed = new Prefetcher<>(source, 5, 2, THREAD)) {
      feed.next().close();
      feed.next().close();
      assertThatThrownBy(feed::next)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "preparing a batch failed: java.lang.IllegalArgumentException: item 2 is broken")
          .hasCauseInstanceOf(IllegalArgumentException.class);
      // and again, rather than waiting for an item that will never come
      assertThatThrownBy(feed::next).hasMessageContaining("item 2 is broken");
    }
    assertThat(prefetchThreads(THREAD)).isEmpty();
    assertThat(source.made).allSatisfy(item -> assertThat(item.closes).isEqualTo(1));
  }

  @Test
  void depthMustBePositive() {
    assertThatThrownBy(() -> new Prefetcher<>(new Counting(-1), 3, 0, THREAD))
        .hasMessage("prefetch depth must be >= 1, got 0");
  }

  /** Live threads of that name. */
  static List<Thread> prefetchThreads(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name) && t.isAlive())
        .toList();
  }
}
