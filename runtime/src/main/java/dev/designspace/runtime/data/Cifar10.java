package dev.designspace.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10, binary version: {@code data_batch_1..5.bin} and {@code test_batch.bin}, each record a
 * label byte and 3,072 bytes (1,024 R, 1,024 G, 1,024 B, row-major 32x32), turned into NHWC.
 */
final class Cifar10 {
  private static final int SIZE = 32;
  private static final int RECORD = 1 + 3 * SIZE * SIZE;

  private Cifar10() {}

  static Dataset load(Path dir, java.util.function.Consumer<String> notices) {
    if (!Files.isDirectory(dir)) {
      throw new DatasetException(
          "cifar10: "
              + dir
              + " is not a directory; expected the binary version's"
              + " directory with data_batch_1.bin ... data_batch_5.bin and test_batch.bin");
    }
    List<Path> trainFiles = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      Path p = dir.resolve("data_batch_" + i + ".bin");
      if (Files.isRegularFile(p)) {
        trainFiles.add(p);
      }
    }
    if (!trainFiles.isEmpty() && trainFiles.size() < 5) {
      notices.accept(
          "cifar10: "
              + dir
              + " holds "
              + trainFiles.size()
              + " of the 5 training batches; training on those");
    }
    Path testFile = dir.resolve("test_batch.bin");
    if (trainFiles.isEmpty() || !Files.isRegularFile(testFile)) {
      throw new DatasetException(
          "cifar10: "
              + dir
              + " lacks data_batch_N.bin or test_batch.bin"
              + " (the binary version of CIFAR-10)");
    }
    return Dataset.of("cifar10", read(trainFiles), read(List.of(testFile)), 10, dir.toString());
  }

  private static ImageSet read(List<Path> files) {
    List<byte[]> contents = new ArrayList<>();
    int count = 0;
    for (Path f : files) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (IOException e) {
        throw new DatasetException("cifar10: cannot read " + f + ": " + e.getMessage(), e);
      }
      if (bytes.length == 0 || bytes.length % RECORD != 0) {
        throw new DatasetException(
            "cifar10: "
                + f
                + " holds "
                + bytes.length
                + " bytes, not a whole number of "
                + RECORD
                + "-byte records: truncated or not the binary version");
      }
      contents.add(bytes);
      count += bytes.length / RECORD;
    }
    byte[] pixels = new byte[count * SIZE * SIZE * 3];
    int[] labels = new int[count];
    int n = 0;
    for (int f = 0; f < contents.size(); f++) {
      byte[] bytes = contents.get(f);
      for (int r = 0; r < bytes.length / RECORD; r++, n++) {
        int base = r * RECORD;
        labels[n] = bytes[base] & 0xff;
        if (labels[n] > 9) {
          throw new DatasetException(
              "cifar10: " + files.get(f) + " record " + r + " has label " + labels[n]);
        }
        for (int c = 0; c < 3; c++) {
          for (int i = 0; i < SIZE * SIZE; i++) {
            pixels[(n * SIZE * SIZE + i) * 3 + c] = bytes[base + 1 + c * SIZE * SIZE + i];
          }
        }
      }
    }
    return new ImageSet(pixels, labels, SIZE, SIZE, 3);
  }
}
