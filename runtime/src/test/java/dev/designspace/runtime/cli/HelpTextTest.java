package dev.designspace.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.designspace.generator.cli.GeneratorMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every command's help, hidden ones included, renders without a picocli warning, and every
 * description paragraph ends a sentence: the first is the summary in the command list, and a
 * paragraph cut mid-sentence would show as a broken line.
 */
class HelpTextTest {

  @Command(name = "broken", description = "Uses 100% of a core.")
  static final class Broken {}

  private static List<CommandLine> withSubcommands(CommandLine command) {
    List<CommandLine> all = new ArrayList<>(List.of(command));
    command.getSubcommands().values().forEach(sub -> all.addAll(withSubcommands(sub)));
    return all;
  }

  /** What picocli warns while rendering {@code command}'s help. */
  private static String warningsOf(CommandLine command) throws Exception {
    // picocli warns on System.err
    PrintStream before = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      command.getUsageMessage(CommandLine.Help.Ansi.OFF);
    } finally {
      System.setErr(before);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBrokenDescriptionIsCaught() throws Exception {
    assertThat(warningsOf(new CommandLine(new Broken()))).contains("[picocli WARN]");
  }

  @Test
  void everyHelpRendersWithoutWarningsAndInSentences() throws Exception {
    List<CommandLine> commands = new ArrayList<>(withSubcommands(DesignspaceMain.newCommandLine()));
    commands.addAll(withSubcommands(new CommandLine(new GeneratorMain())));
    assertThat(commands)
        .extracting(c -> c.getCommandSpec().qualifiedName())
        .contains("designspace sweep status", "designspace bench", "designspace-generator gen");
    for (CommandLine command : commands) {
      String name = command.getCommandSpec().qualifiedName();
      assertThat(warningsOf(command)).as(name).isEmpty();
      if (command.getCommand() instanceof CommandLine.HelpCommand) {
        continue; // picocli's own text
      }
      String[] description = command.getCommandSpec().usageMessage().description();
      assertThat(description).as(name + " has a summary").isNotEmpty();
      for (String paragraph : description) {
        assertThat(paragraph).as(name + " description paragraph").matches("(?s).*[.?!]");
      }
    }
  }

  @Test
  void theCommandListShowsWholeSummaries() {
    String help = CliRun.of("--help").out();
    assertThat(help)
        .contains("sweep     Samples N models of a design space and trains them in worker")
        .contains("Writes one Java class per model and manifest.json.")
        .doesNotContain("bench")
        .doesNotContain("sweep-worker");
  }
}
