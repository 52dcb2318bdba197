package dev.designspace.runtime.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** IDX files (MNIST layout), plain or gzipped: uint8 images (magic 0x803) and labels (0x801). */
final class IdxReader {
  private static final int IMAGES = 0x00000803;
  private static final int LABELS = 0x00000801;

  /**
   * A header asking for more is damaged, not a dataset (Fashion-MNIST's training images are 47 MB).
   */
  private static final long MAX_BYTES = 1L << 29;

  private IdxReader() {}

  /** Images as [count, rows, cols] uint8; returns {rows, cols} via the array and the pixels. */
  static ImagesFile images(InputStream raw, String name) {
    try (DataInputStream in = open(raw, name)) {
      int magic = in.readInt();
      if (magic != IMAGES) {
        throw new DatasetException(
            name
                + ": not an IDX image file (magic 0x"
                + Integer.toHexString(magic)
                + ", expected 0x803)");
      }
      int count = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (count < 0 || rows < 1 || cols < 1 || (long) count * rows * cols > MAX_BYTES) {
        throw new DatasetException(
            name + ": implausible IDX header (" + count + " images of " + rows + "x" + cols + ")");
      }
      byte[] pixels = new byte[count * rows * cols];
      readFully(in, pixels, name, count + " images of " + rows + "x" + cols);
      return new ImagesFile(pixels, count, rows, cols);
    } catch (IOException e) {
      throw failure(name, e);
    }
  }

  static int[] labels(InputStream raw, String name) {
    try (DataInputStream in = open(raw, name)) {
      int magic = in.readInt();
      if (magic != LABELS) {
        throw new DatasetException(
            name
                + ": not an IDX label file (magic 0x"
                + Integer.toHexString(magic)
                + ", expected 0x801)");
      }
      int count = in.readInt();
      if (count < 0 || count > MAX_BYTES) {
        throw new DatasetException(name + ": implausible IDX header (" + count + " labels)");
      }
      byte[] bytes = new byte[count];
      readFully(in, bytes, name, count + " labels");
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = bytes[i] & 0xff;
      }
      return labels;
    } catch (IOException e) {
      throw failure(name, e);
    }
  }

  record ImagesFile(byte[] pixels, int count, int rows, int cols) {}

  private static DataInputStream open(InputStream raw, String name) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    return new DataInputStream(
        gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in);
  }

  private static void readFully(DataInputStream in, byte[] into, String name, String what)
      throws IOException {
    int read = 0;
    while (read < into.length) {
      int n = in.read(into, read, into.length - read);
      if (n < 0) {
        throw new DatasetException(
            name
                + ": truncated: the header announces "
                + what
                + " ("
                + into.length
                + " bytes of data) but the file holds only "
                + read);
      }
      read += n;
    }
  }

  private static DatasetException failure(String name, IOException e) {
    if (e instanceof EOFException) {
      return new DatasetException(name + ": truncated (ends inside the header or the data)", e);
    }
    if (e instanceof ZipException
        || String.valueOf(e.getMessage()).contains("Unexpected end of ZLIB")) {
      return new DatasetException(
          name + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
    }
    return new DatasetException(name + ": cannot read (" + e.getMessage() + ")", e);
  }
}
