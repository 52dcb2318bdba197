package dev.designspace.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetCacheTest {
  private final List<String> notices = new ArrayList<>();

  @Test
  void theSameRequestIsDecodedOnceAndEqualsAFreshLoad() {
    DatasetCache cache = new DatasetCache();
    Dataset first = cache.load("synthetic:64", 8, 1, 4, notices::add);
    assertThat(cache.load("synthetic:64", 8, 1, 4, notices::add)).isSameAs(first);
    Dataset fresh = Datasets.load("synthetic:64", 8, 1, 4, notices::add);
    assertThat(first.train().pixels()).isEqualTo(fresh.train().pixels());
    assertThat(first.test().labels()).isEqualTo(fresh.test().labels());
    // another input or size is another dataset
    assertThat(cache.load("synthetic:64", 16, 1, 4, notices::add)).isNotSameAs(first);
    assertThat(cache.load("synthetic:128", 8, 1, 4, notices::add).train().count())
        .isNotEqualTo(first.train().count());
  }

  @Test
  void onlyTheTwoMostRecentlyUsedAreKept() {
    DatasetCache cache = new DatasetCache();
    Dataset a = cache.load("synthetic:64", 8, 1, 4, notices::add);
    Dataset b = cache.load("synthetic:80", 8, 1, 4, notices::add);
    assertThat(cache.load("synthetic:64", 8, 1, 4, notices::add)).isSameAs(a); // a most recent
    cache.load("synthetic:96", 8, 1, 4, notices::add); // evicts b
    assertThat(cache.load("synthetic:64", 8, 1, 4, notices::add)).isSameAs(a);
    assertThat(cache.load("synthetic:80", 8, 1, 4, notices::add)).isNotSameAs(b);
  }
}
