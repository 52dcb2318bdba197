package dev.designspace.runtime.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decoded datasets kept for the next model of a worker process that trains several: {@link
 * Datasets#load} with the same arguments returns the same (immutable) {@link Dataset}, and repeats
 * the notices of the first load. Holds the two most recently used, which covers a sweep and its
 * proxy check.
 */
public final class DatasetCache {
  private static final int KEPT = 2;

  private record Key(String spec, int size, int channels, int classes) {}

  private record Loaded(Dataset data, List<String> notices) {}

  private final Map<Key, Loaded> loaded =
      new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Loaded> eldest) {
          return size() > KEPT;
        }
      };

  /** As {@link Datasets#load}, decoding only the first time. */
  public synchronized Dataset load(
      String spec, int size, int channels, int classes, Consumer<String> notices) {
    Key key = new Key(spec, size, channels, classes);
    Loaded hit = loaded.get(key);
    if (hit == null) {
      List<String> said = new ArrayList<>();
      Dataset data =
          Datasets.load(
              spec,
              size,
              channels,
              classes,
              line -> {
                said.add(line);
                notices.accept(line);
              });
      loaded.put(key, new Loaded(data, List.copyOf(said)));
      return data;
    }
    hit.notices().forEach(notices);
    return hit.data();
  }
}
