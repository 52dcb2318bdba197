package dev.designspace.runtime.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Class-per-folder images (JPEG, PNG), resized to the model's input. With {@code train/} and {@code
 * test/} (or {@code val/}) subdirectories those are the splits; otherwise every fifth image of each
 * class, in file-name order, is held out for testing.
 */
final class ImageFolder {
  private ImageFolder() {}

  static Dataset load(Path root, int size, int channels) {
    if (!Files.isDirectory(root)) {
      throw new DatasetException("imagefolder: " + root + " is not a directory");
    }
    Path train = root.resolve("train");
    Path test =
        Files.isDirectory(root.resolve("test")) ? root.resolve("test") : root.resolve("val");
    if (Files.isDirectory(train) && !Files.isDirectory(test)) {
      throw new DatasetException(
          "imagefolder: "
              + root
              + " has train/ but neither test/ nor val/; add one, or put the"
              + " class folders directly in "
              + root
              + " (every fifth image is then held out)");
    }
    if (Files.isDirectory(train) && Files.isDirectory(test)) {
      List<String> classes = classes(train);
      requireSameClasses(classes, classes(test), train, test);
      return Dataset.of(
          "imagefolder",
          read(train, classes, size, channels, -1),
          read(test, classes, size, channels, -1),
          classes.size(),
          root.toString());
    }
    List<String> classes = classes(root);
    return Dataset.of(
        "imagefolder",
        read(root, classes, size, channels, 0),
        read(root, classes, size, channels, 1),
        classes.size(),
        root.toString());
  }

  private static void requireSameClasses(List<String> a, List<String> b, Path pa, Path pb) {
    if (!a.equals(b)) {
      throw new DatasetException(
          "imagefolder: " + pa + " has classes " + a + " but " + pb + " has " + b);
    }
  }

  private static List<String> classes(Path dir) {
    List<String> classes;
    try (Stream<Path> entries = Files.list(dir)) {
      classes =
          entries
              .filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .filter(n -> !n.startsWith("."))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new DatasetException("imagefolder: cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (classes.size() < 2) {
      throw new DatasetException(
          "imagefolder: "
              + dir
              + " has "
              + classes.size()
              + " class folders; expected one"
              + " folder per class (at least 2), each holding JPEG or PNG images");
    }
    return classes;
  }

  /**
   * @param split -1: every image; 0: training part; 1: every fifth image
   */
  private static ImageSet read(Path dir, List<String> classes, int size, int channels, int split) {
    List<byte[]> images = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      List<Path> files;
      try (Stream<Path> entries = Files.list(dir.resolve(classes.get(c)))) {
        files = entries.filter(ImageFolder::isImage).sorted().toList();
      } catch (IOException e) {
        throw new DatasetException("imagefolder: cannot list " + dir.resolve(classes.get(c)), e);
      }
      if (files.isEmpty()) {
        throw new DatasetException(
            "imagefolder: class folder "
                + dir.resolve(classes.get(c))
                + " holds no JPEG or PNG images");
      }
      for (int i = 0; i < files.size(); i++) {
        boolean isTest = i % 5 == 4;
        if (split == -1 || (split == 1) == isTest) {
          images.add(decode(files.get(i), size, channels));
          labels.add(c);
        }
      }
    }
    if (images.isEmpty()) {
      throw new DatasetException(
          "imagefolder: "
              + dir
              + " gives no "
              + (split == 1 ? "test" : "training")
              + " images; put at least 5 images in every class folder, or use train/ and test/"
              + " folders");
    }
    // a fixed shuffle, so that the first N images (--train-limit, predict --limit) span every class
    int[] order = new int[images.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    new dev.designspace.generator.random.SplitMix64(split + 2).shuffle(order);
    int imageSize = size * size * channels;
    byte[] pixels = new byte[images.size() * imageSize];
    int[] labelArray = new int[images.size()];
    for (int i = 0; i < order.length; i++) {
      System.arraycopy(images.get(order[i]), 0, pixels, i * imageSize, imageSize);
      labelArray[i] = labels.get(order[i]);
    }
    return new ImageSet(pixels, labelArray, size, size, channels);
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p)
        && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
  }

  private static byte[] decode(Path file, int size, int channels) {
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new DatasetException("imagefolder: cannot decode " + file + ": " + e.getMessage(), e);
    }
    if (image == null) {
      throw new DatasetException("imagefolder: " + file + " is not a readable JPEG or PNG image");
    }
    BufferedImage resized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = resized.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, size, size, null);
    g.dispose();
    byte[] out = new byte[size * size * channels];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int rgb = resized.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int gr = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int at = (y * size + x) * channels;
        if (channels == 1) {
          out[at] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
        } else {
          out[at] = (byte) r;
          out[at + 1] = (byte) gr;
          out[at + 2] = (byte) b;
        }
      }
    }
    return out;
  }
}
