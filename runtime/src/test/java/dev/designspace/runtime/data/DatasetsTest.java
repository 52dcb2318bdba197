package dev.designspace.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  private final List<String> notices = new ArrayList<>();

  @Test
  void embeddedSubsetIsBalancedAndComplete() {
    Dataset d = Datasets.load("fashion-mnist-subset", 28, 1, 10, notices::add);
    assertThat(d.train().count()).isEqualTo(10_000);
    assertThat(d.test().count()).isEqualTo(2_000);
    int[] perClass = new int[10];
    Arrays.stream(d.train().labels()).forEach(l -> perClass[l]++);
    assertThat(perClass).containsOnly(1000);
    assertThat(d.mean()[0]).isBetween(60f, 90f); // Fashion-MNIST's pixel mean is about 73
    assertThat(d.std()[0]).isBetween(80f, 100f);
    assertThat(d.classes()).isEqualTo(10);
  }

  @Test
  void fullFashionMnistFromADirectoryAndItsErrors(@TempDir Path dir) throws IOException {
    writeIdx(dir, 20, 5, false);
    Dataset d = Datasets.load("fashion-mnist:" + dir, 28, 1, 10, notices::add);
    assertThat(d.train().count()).isEqualTo(20);
    assertThat(d.test().count()).isEqualTo(5);
    assertThat(d.train().pixels()[28 * 28 + 3] & 0xff).isEqualTo((1 * 7 + 3) % 256);

    // truncated images: the header announces more than the file holds
    writeIdx(dir, 20, 5, true);
    assertThatThrownBy(() -> Datasets.load("fashion-mnist:" + dir, 28, 1, 10, notices::add))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(dir.resolve("train-images-idx3-ubyte.gz").toString())
        .hasMessageContaining("truncated");

    Files.write(
        dir.resolve("train-images-idx3-ubyte.gz"), gzip(new byte[] {0, 0, 8, 1, 0, 0, 0, 0}));
    assertThatThrownBy(() -> Datasets.load("fashion-mnist:" + dir, 28, 1, 10, notices::add))
        .hasMessage(
            dir.resolve("train-images-idx3-ubyte.gz")
                + ": not an IDX image file (magic 0x801, expected 0x803)");

    Files.write(
        dir.resolve("train-images-idx3-ubyte.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
    assertThatThrownBy(() -> Datasets.load("fashion-mnist:" + dir, 28, 1, 10, notices::add))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith(dir.resolve("train-images-idx3-ubyte.gz").toString());

    Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    assertThatThrownBy(() -> Datasets.load("fashion-mnist:" + dir, 28, 1, 10, notices::add))
        .hasMessageContaining("t10k-labels-idx1-ubyte.gz not found");
  }

  @Test
  void shapeAndNameMismatchesAreClear() {
    assertThatThrownBy(() -> Datasets.load("fashion-mnist-subset", 32, 3, 10, notices::add))
        .hasMessage(
            "fashion-mnist-subset images are 28x28x1 but the model takes 32x32x3; use a spec for"
                + " that input (e.g. specs/fmnist-*.yaml for Fashion-MNIST)");
    assertThatThrownBy(() -> Datasets.load("mnist", 28, 1, 10, notices::add))
        .hasMessageStartingWith("unknown dataset 'mnist'; expected fashion-mnist[:DIR]");
    assertThatThrownBy(() -> Datasets.load("cifar10:/no/such/dir", 32, 3, 10, notices::add))
        .hasMessageStartingWith("cifar10: /no/such/dir is not a directory");
  }

  @Test
  void cifar10BinaryBecomesNhwc(@TempDir Path dir) throws IOException {
    byte[] record = new byte[3073];
    record[0] = 7;
    for (int i = 0; i < 1024; i++) {
      record[1 + i] = 10; // R plane
      record[1 + 1024 + i] = 20; // G plane
      record[1 + 2048 + i] = 30; // B plane
    }
    Files.write(dir.resolve("data_batch_1.bin"), concat(record, record));
    Files.write(dir.resolve("test_batch.bin"), record);
    Dataset d = Datasets.load("cifar10:" + dir, 32, 3, 10, notices::add);
    assertThat(d.train().count()).isEqualTo(2);
    assertThat(d.train().labels()).containsExactly(7, 7);
    assertThat(Arrays.copyOf(d.train().pixels(), 6)).containsExactly(10, 20, 30, 10, 20, 30);
    assertThat(notices)
        .containsExactly(
            "cifar10: " + dir + " holds 1 of the 5 training batches; training on those");
    Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(record, 3000));
    assertThatThrownBy(() -> Datasets.load("cifar10:" + dir, 32, 3, 10, notices::add))
        .hasMessageContaining(
            "test_batch.bin holds 3000 bytes, not a whole number of 3073-byte records");
  }

  @Test
  void imageFolderResizesAndHoldsOutEveryFifthImage(@TempDir Path dir) throws IOException {
    for (String cls : List.of("cat", "dog")) {
      Files.createDirectories(dir.resolve(cls));
      for (int i = 0; i < 5; i++) {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
          for (int x = 0; x < 40; x++) {
            img.setRGB(x, y, cls.equals("cat") ? 0xff0000 : 0x0000ff);
          }
        }
        ImageIO.write(img, "png", dir.resolve(cls).resolve("img" + i + ".png").toFile());
      }
    }
    Dataset d = Datasets.load("imagefolder:" + dir, 16, 3, 2, notices::add);
    assertThat(d.train().count()).isEqualTo(8);
    assertThat(d.test().count()).isEqualTo(2);
    assertThat(d.test().labels()).containsExactlyInAnyOrder(0, 1);
    assertThat(Arrays.stream(d.train().labels()).filter(l -> l == 0).count()).isEqualTo(4);
    int first = d.train().labels()[0];
    assertThat(d.train().pixels()[0] & 0xff).isEqualTo(first == 0 ? 255 : 0); // cat: red, dog: blue
    assertThat(d.train().pixels()[2] & 0xff).isEqualTo(first == 0 ? 0 : 255);
    Dataset gray = Datasets.load("imagefolder:" + dir, 8, 1, 2, notices::add);
    assertThat(gray.channels()).isEqualTo(1);
    assertThat(gray.train().pixels()[0] & 0xff)
        .isEqualTo(gray.train().labels()[0] == 0 ? 76 : 29); // 0.299 / 0.114 * 255
  }

  @Test
  void wrongShapedImageFoldersAreClear(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("loose.png"), "not an image");
    assertThatThrownBy(() -> Datasets.load("imagefolder:" + dir, 8, 1, 2, notices::add))
        .hasMessage(
            "imagefolder: "
                + dir
                + " has 0 class folders; expected one folder per class (at least 2),"
                + " each holding JPEG or PNG images");
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    ImageIO.write(
        new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB),
        "png",
        dir.resolve("a/x.png").toFile());
    assertThatThrownBy(() -> Datasets.load("imagefolder:" + dir, 8, 1, 2, notices::add))
        .hasMessage(
            "imagefolder: class folder " + dir.resolve("b") + " holds no JPEG or PNG images");
    Files.writeString(dir.resolve("b/y.png"), "not an image");
    assertThatThrownBy(() -> Datasets.load("imagefolder:" + dir, 8, 1, 2, notices::add))
        .hasMessage(
            "imagefolder: " + dir.resolve("b/y.png") + " is not a readable JPEG or PNG image");
  }

  @Test
  void batchesAreSeededPerEpochAndCoverTheTestSet() {
    Dataset d = Datasets.load("synthetic:200", 8, 1, 4, notices::add);
    float[] a = new float[16 * 64];
    float[] b = new float[16 * 64];
    int[] la = new int[16];
    int[] lb = new int[16];
    Batches.training(d.train(), 16, 3, 5, Batches.Augmentation.CROP_FLIP).next(a, la);
    Batches.training(d.train(), 16, 3, 5, Batches.Augmentation.CROP_FLIP).next(b, lb);
    assertThat(b).isEqualTo(a);
    assertThat(lb).isEqualTo(la);
    Batches.training(d.train(), 16, 3, 6, Batches.Augmentation.CROP_FLIP).next(b, lb);
    assertThat(lb).isNotEqualTo(la);
    assertThat(Batches.stepsPerEpoch(200, 16)).isEqualTo(12); // the last 8 images are dropped
    Batches eval = Batches.evaluation(d.test(), 16);
    int seen = 0;
    while (eval.hasNext()) {
      seen += eval.next(a, la);
    }
    assertThat(seen).isEqualTo(d.test().count());
  }

  @Test
  void flipMirrorsEachRow() {
    byte[] pixels = new byte[4 * 4];
    for (int i = 0; i < 16; i++) {
      pixels[i] = (byte) i;
    }
    ImageSet one = new ImageSet(pixels, new int[] {0}, 4, 4, 1);
    float[] out = new float[16];
    int[] labels = new int[1];
    boolean sawFlip = false;
    boolean sawPlain = false;
    for (int epoch = 0; epoch < 20; epoch++) {
      Batches.training(one, 1, 0, epoch, Batches.Augmentation.FLIP).next(out, labels);
      if (out[0] == 3 && out[3] == 0 && out[4] == 7) {
        sawFlip = true;
      } else {
        assertThat(out[0]).isZero();
        assertThat(out[15]).isEqualTo(15f);
        sawPlain = true;
      }
    }
    assertThat(sawFlip).isTrue();
    assertThat(sawPlain).isTrue();
  }

  private static void writeIdx(Path dir, int train, int test, boolean truncateTrain)
      throws IOException {
    for (String prefix : List.of("train", "t10k")) {
      int n = prefix.equals("train") ? train : test;
      ByteBuffer images = ByteBuffer.allocate(16 + n * 784);
      images.putInt(0x803).putInt(n).putInt(28).putInt(28);
      for (int i = 0; i < n * 784; i++) {
        images.put((byte) ((i / 784 * 7 + i % 784) % 256));
      }
      byte[] imageBytes = images.array();
      if (truncateTrain && prefix.equals("train")) {
        imageBytes = Arrays.copyOf(imageBytes, 16 + 784 * 3 + 100);
      }
      ByteBuffer labels = ByteBuffer.allocate(8 + n);
      labels.putInt(0x801).putInt(n);
      for (int i = 0; i < n; i++) {
        labels.put((byte) (i % 10));
      }
      Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(imageBytes));
      Files.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), gzip(labels.array()));
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
