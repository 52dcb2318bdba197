package dev.designspace.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.runtime.testing.Prerequisite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A page as a real browser holds it: headless Chromium's DOM after loading, and its console. */
final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {}

  /** What the browser made of {@code page}; skips the test where Chromium is not installed. */
  record Loaded(String dom, List<String> console) {}

  static Loaded load(Path page, Path workDir) throws IOException, InterruptedException {
    Prerequisite.CHROMIUM.assume(Files.isExecutable(CHROMIUM));
    Path profile = Files.createTempDirectory(workDir, "chromium");
    Path log = workDir.resolve(profile.getFileName() + ".log");
    Process chromium =
        new ProcessBuilder(
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
                "--v=0",
                "--dump-dom",
                page.toUri().toString())
            .redirectError(log.toFile())
            .start();
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
}
