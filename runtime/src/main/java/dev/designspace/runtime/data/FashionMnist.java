package dev.designspace.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fashion-MNIST (Zalando, MIT): 28x28x1, 10 classes. Looked up in {@code $DESIGNSPACE_DATA}, {@code
 * ~/.cache/designspace/fashion-mnist} and {@code /usr/share/datasets/fashion-mnist} (Debian package
 * {@code dataset-fashion-mnist}); else downloaded from the official URLs into the cache with MD5
 * checks; else the balanced 10,000/2,000 subset embedded in this jar.
 */
final class FashionMnist {
  static final String BASE_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

  /**
   * File name to the MD5 of the official download (the Debian package recompresses: not checked
   * locally).
   */
  static final Map<String, String> FILES = new LinkedHashMap<>();

  static {
    FILES.put("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d");
    FILES.put("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe");
    FILES.put("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79");
    FILES.put("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310");
  }

  private static final String EMBEDDED = "/dev/designspace/runtime/data/fashion-mnist-subset/";

  private FashionMnist() {}

  /** The places searched, in order. */
  static List<Path> lookupDirectories() {
    List<Path> dirs = new ArrayList<>();
    String env = System.getenv("DESIGNSPACE_DATA");
    if (env != null && !env.isBlank()) {
      dirs.add(Path.of(env, "fashion-mnist"));
      dirs.add(Path.of(env));
    }
    dirs.add(cacheDirectory());
    dirs.add(Path.of("/usr/share/datasets/fashion-mnist"));
    return dirs;
  }

  static Path cacheDirectory() {
    return Path.of(System.getProperty("user.home"), ".cache", "designspace", "fashion-mnist");
  }

  /**
   * @param allowSubset fall back to the embedded subset when the full set is nowhere
   */
  static Dataset load(boolean allowSubset, boolean allowDownload, Consumer<String> notices) {
    for (Path dir : lookupDirectories()) {
      if (FILES.keySet().stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
        return fromDirectory(dir);
      }
    }
    String failure = "not downloaded (offline use requested)";
    if (allowDownload) {
      try {
        Path dir = download(notices);
        return fromDirectory(dir);
      } catch (IOException | DatasetException e) {
        // a refused or unresolvable connection comes without a message: its type says what failed
        failure = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = "interrupted";
      }
    }
    if (allowSubset) {
      notices.accept(
          "fashion-mnist: the full dataset is not installed (looked in "
              + places()
              + "; download: "
              + failure
              + "); using the embedded 10,000/2,000 subset."
              + " Install it with: apt-get install dataset-fashion-mnist");
      return embeddedSubset();
    }
    throw new DatasetException(
        "fashion-mnist: the full dataset was not found in "
            + places()
            + ", and the download failed ("
            + failure
            + "). Install the Debian package dataset-fashion-mnist,"
            + " or put the four .gz files in $DESIGNSPACE_DATA/fashion-mnist");
  }

  private static String places() {
    return String.join(", ", lookupDirectories().stream().map(Path::toString).toList());
  }

  static Dataset fromDirectory(Path dir) {
    try {
      ImageSet train = read(dir, "train");
      ImageSet test = read(dir, "t10k");
      return Dataset.of("fashion-mnist", train, test, 10, dir.toString());
    } catch (IOException e) {
      throw new DatasetException("fashion-mnist: cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  static Dataset embeddedSubset() {
    try {
      ImageSet train = readResource("train");
      ImageSet test = readResource("t10k");
      return Dataset.of(
          "fashion-mnist-subset", train, test, 10, "embedded subset (10,000 train / 2,000 test)");
    } catch (IOException e) {
      throw new DatasetException(
          "the embedded Fashion-MNIST subset is missing from the runtime jar", e);
    }
  }

  private static ImageSet read(Path dir, String prefix) throws IOException {
    Path images = dir.resolve(prefix + "-images-idx3-ubyte.gz");
    Path labels = dir.resolve(prefix + "-labels-idx1-ubyte.gz");
    try (InputStream i = Files.newInputStream(images);
        InputStream l = Files.newInputStream(labels)) {
      return combine(
          IdxReader.images(i, images.toString()),
          IdxReader.labels(l, labels.toString()),
          images,
          labels);
    }
  }

  private static ImageSet readResource(String prefix) throws IOException {
    String images = EMBEDDED + prefix + "-images-idx3-ubyte.gz";
    String labels = EMBEDDED + prefix + "-labels-idx1-ubyte.gz";
    try (InputStream i = FashionMnist.class.getResourceAsStream(images);
        InputStream l = FashionMnist.class.getResourceAsStream(labels)) {
      if (i == null || l == null) {
        throw new IOException("missing resource");
      }
      return combine(
          IdxReader.images(i, images),
          IdxReader.labels(l, labels),
          Path.of(images),
          Path.of(labels));
    }
  }

  private static ImageSet combine(
      IdxReader.ImagesFile images, int[] labels, Path imageFile, Path labelFile) {
    if (images.count() != labels.length) {
      throw new DatasetException(
          imageFile
              + " holds "
              + images.count()
              + " images but "
              + labelFile
              + " holds "
              + labels.length
              + " labels");
    }
    for (int label : labels) {
      if (label > 9) {
        throw new DatasetException(labelFile + ": label " + label + " is outside the 10 classes");
      }
    }
    return new ImageSet(images.pixels(), labels, images.rows(), images.cols(), 1);
  }

  private static Path download(Consumer<String> notices) throws IOException, InterruptedException {
    Path dir = cacheDirectory();
    Files.createDirectories(dir);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    for (Map.Entry<String, String> file : FILES.entrySet()) {
      Path target = dir.resolve(file.getKey());
      if (Files.isRegularFile(target)) {
        continue;
      }
      notices.accept("fashion-mnist: downloading " + BASE_URL + file.getKey());
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(BASE_URL + file.getKey()))
                  .timeout(Duration.ofMinutes(5))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException(BASE_URL + file.getKey() + " answered HTTP " + response.statusCode());
      }
      String md5 = md5(response.body());
      if (!md5.equals(file.getValue())) {
        throw new IOException(file.getKey() + " has MD5 " + md5 + ", expected " + file.getValue());
      }
      Path temp = Files.createTempFile(dir, file.getKey(), ".part");
      try {
        Files.write(temp, response.body());
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    return dir;
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
