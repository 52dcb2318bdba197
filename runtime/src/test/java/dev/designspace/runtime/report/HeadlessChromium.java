package dev.designspace.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.runtime.testing.Prerequisite;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** A page as a real browser holds it: headless Chromium's DOM after loading, and its console. */
final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {}

  /** What the browser made of {@code page}; skips the test where Chromium is not installed. */
  record Loaded(String dom, List<String> console) {}

  static Loaded load(Path page, Path workDir) throws IOException, InterruptedException {
    Path log = workDir.resolve("chromium-" + System.nanoTime() + ".log");
    Process chromium = start(workDir, log, "--dump-dom", page.toUri().toString());
    String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> console = new ArrayList<>();
    for (String line : Files.readString(log).split("\n")) {
      if (line.contains("CONSOLE") || line.contains("Uncaught")) {
        console.add(line);
      }
    }
    return new Loaded(dom, console);
  }

  /** The pixels of {@code page} as the browser draws it in a window of {@code width x height}. */
  static BufferedImage screenshot(Path page, Path workDir, int width, int height)
      throws IOException, InterruptedException {
    Path png = workDir.resolve("screenshot-" + System.nanoTime() + ".png");
    Process chromium =
        start(
            workDir,
            workDir.resolve(png.getFileName() + ".log"),
            "--hide-scrollbars",
            "--window-size=" + width + "," + height,
            "--screenshot=" + png,
            page.toUri().toString());
    chromium.getInputStream().readAllBytes();
    assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a screenshot in " + png).isNotNull();
    return image;
  }

  private static Process start(Path workDir, Path log, String... arguments) throws IOException {
    Prerequisite.CHROMIUM.assume(Files.isExecutable(CHROMIUM));
    Path profile = Files.createTempDirectory(workDir, "chromium");
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--enable-logging=stderr",
                "--v=0"));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command).redirectError(log.toFile()).start();
  }

  /** Whether two images have the same size and the same pixels. */
  static boolean samePixels(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return false;
    }
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          return false;
        }
      }
    }
    return true;
  }
}
