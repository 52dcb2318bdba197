package dev.designspace.runtime.data;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Datasets by name, as the {@code --dataset} option takes them: {@code fashion-mnist} (the full set
 * if installed or downloadable, else the embedded subset, said on stderr), {@code
 * fashion-mnist:DIR} (the four IDX files in DIR), {@code fashion-mnist-full}, {@code
 * fashion-mnist-subset}, {@code cifar10:DIR}, {@code imagefolder:DIR} and {@code synthetic[:N]}.
 */
public final class Datasets {
  public static final String DEFAULT = "fashion-mnist";

  private Datasets() {}

  /**
   * @param size, channels, classes the model's input and output, which the data must fit
   * @param notices where to say which data was chosen when it was not the obvious one
   */
  public static Dataset load(
      String spec, int size, int channels, int classes, Consumer<String> notices) {
    String name = spec;
    String argument = null;
    int colon = spec.indexOf(':');
    if (colon >= 0) {
      name = spec.substring(0, colon);
      argument = spec.substring(colon + 1);
    }
    boolean offline = "1".equals(System.getenv("DESIGNSPACE_OFFLINE"));
    Dataset data =
        switch (name) {
          case "fashion-mnist" ->
              argument != null
                  ? FashionMnist.fromDirectory(requireFiles(Path.of(argument)))
                  : FashionMnist.load(true, !offline, notices);
          case "fashion-mnist-full" -> FashionMnist.load(false, !offline, notices);
          case "fashion-mnist-subset" -> FashionMnist.embeddedSubset();
          case "cifar10" ->
              Cifar10.load(argument != null ? Path.of(argument) : defaultCifarDirectory(), notices);
          case "imagefolder" -> {
            if (argument == null || argument.isBlank()) {
              throw new DatasetException(
                  "imagefolder needs a directory: --dataset imagefolder:PATH");
            }
            yield ImageFolder.load(Path.of(argument), size, channels);
          }
          case "synthetic" -> {
            int count = argument == null ? 1000 : parseCount(argument);
            yield Synthetic.generate(
                size, channels, Math.min(classes, 10), count, Math.max(classes, count / 4), 17);
          }
          default ->
              throw new DatasetException(
                  "unknown dataset '"
                      + spec
                      + "'; expected fashion-mnist[:DIR], fashion-mnist-full, fashion-mnist-subset,"
                      + " cifar10[:DIR], imagefolder:DIR or synthetic[:N]");
        };
    if (data.height() != size || data.width() != size || data.channels() != channels) {
      throw new DatasetException(
          data.name()
              + " images are "
              + data.height()
              + "x"
              + data.width()
              + "x"
              + data.channels()
              + " but the model takes "
              + size
              + "x"
              + size
              + "x"
              + channels
              + "; use a spec for that input (e.g. specs/fmnist-*.yaml for Fashion-MNIST)");
    }
    if (data.classes() > classes) {
      throw new DatasetException(
          data.name() + " has " + data.classes() + " classes but the model has only " + classes);
    }
    return data;
  }

  private static Path requireFiles(Path dir) {
    for (String file : FashionMnist.FILES.keySet()) {
      if (!java.nio.file.Files.isRegularFile(dir.resolve(file))) {
        throw new DatasetException(
            "fashion-mnist: "
                + dir.resolve(file)
                + " not found; the directory needs "
                + String.join(", ", FashionMnist.FILES.keySet()));
      }
    }
    return dir;
  }

  private static int parseCount(String argument) {
    try {
      int n = Integer.parseInt(argument);
      if (n >= 10) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new DatasetException(
        "synthetic:N takes a number of training images >= 10, got '" + argument + "'");
  }

  private static Path defaultCifarDirectory() {
    String env = System.getenv("DESIGNSPACE_DATA");
    return env != null
        ? Path.of(env, "cifar-10-batches-bin")
        : Path.of(System.getProperty("user.home"), ".cache", "designspace", "cifar-10-batches-bin");
  }
}
