package io.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.jgrad.examples.cli.Command;

/**
 * The README's command-line reference is each command's picocli help, verbatim: every option the
 * README documents exists, and every option is in the README.
 */
class ReadmeHelpTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void everyCommandsHelpIsInTheReadmeAsItIs() throws IOException {
        String readme = Files.readString(README);
        for (Command c : Main.commands()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, Main.run(new String[] {c.name(), "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream())));
            String help = out.toString(StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<!-- jgrad-help:" + Pattern.quote(c.name()) + " -->\n```\n(.*?)```\n<!-- /jgrad-help:",
                    Pattern.DOTALL).matcher(readme);
            assertTrue(m.find(), "README.md has no help block for " + c.name() + "; add:\n<!-- jgrad-help:" + c.name()
                    + " -->\n```\n" + help + "```\n<!-- /jgrad-help:" + c.name() + " -->");
            assertEquals(help, m.group(1), "README.md's help of " + c.name() + " is out of date");
        }
    }

    @Test
    void theReadmeDocumentsNoOptionACommandLacks() throws IOException {
        String readme = Files.readString(README);
        Matcher table = Pattern.compile("\\| `(\\w[\\w-]*)[^|]*\\|").matcher(readme.substring(readme.indexOf("## Example commands")));
        java.util.Set<String> names = new java.util.HashSet<>();
        Main.commands().forEach(c -> names.add(c.name()));
        for (String line : readme.substring(readme.indexOf("## Example commands"), readme.indexOf("## Command-line reference"))
                .split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String command = line.substring(3).split("[ `]")[0];
            assertTrue(names.contains(command), "README's example table names an unknown command: " + line);
            Matcher opt = Pattern.compile("--([a-z][a-z0-9-]*)").matcher(line.split("\\|")[1]);
            String help = helpOf(command);
            while (opt.find()) {
                assertTrue(help.contains("--" + opt.group(1)), "README documents --" + opt.group(1) + " for " + command
                        + ", which it does not have");
            }
        }
        assertTrue(table.find());
    }

    private static String helpOf(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(new String[] {command, "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        return out.toString(StandardCharsets.UTF_8);
    }
}
