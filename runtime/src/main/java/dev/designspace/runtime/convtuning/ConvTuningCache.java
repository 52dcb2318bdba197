package dev.designspace.runtime.convtuning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.designspace.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The tuning results kept on disk, one entry per key (TensorFlow version, threads, batch, layer
 * shape). A file that cannot be read as a cache (truncated, hand-edited, an older format) counts as
 * empty: the next write replaces it. Writes are atomic, so a reader never sees half a file; two
 * processes tuning at once may each write, the later write winning for the keys both hold.
 */
final class ConvTuningCache {
  static final int FORMAT = 1;

  /** One tuned shape: the formulation chosen and what each candidate took. */
  record Entry(String choice, Map<String, Double> millis) {
    Entry {
      Objects.requireNonNull(choice, "choice");
      millis = Map.copyOf(Objects.requireNonNull(millis, "millis"));
    }
  }

  /** The file's content. */
  record Contents(int format, Map<String, Entry> entries) {}

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;

  ConvTuningCache(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  Path file() {
    return file;
  }

  /** The entries on disk; none when the file is missing or is not a cache of this format. */
  Map<String, Entry> read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return new LinkedHashMap<>(); // missing or unreadable: tune again
    }
    try {
      Contents contents = JSON.readValue(bytes, Contents.class);
      if (contents == null || contents.format() != FORMAT || contents.entries() == null) {
        return new LinkedHashMap<>();
      }
      Map<String, Entry> entries = new LinkedHashMap<>();
      contents
          .entries()
          .forEach(
              (key, entry) -> {
                if (key != null && entry != null && entry.choice() != null) {
                  entries.put(key, entry);
                }
              });
      return entries;
    } catch (IOException | RuntimeException e) {
      return new LinkedHashMap<>();
    }
  }

  /** Replaces the file with {@code entries}, atomically. */
  void write(Map<String, Entry> entries) throws IOException {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(new Contents(FORMAT, new TreeMap<>(entries)));
    } catch (JsonProcessingException e) {
      throw new IOException("cannot serialise the tuning cache: " + e.getMessage(), e);
    }
    AtomicFiles.write(file, bytes);
  }
}
