package io.jgrad.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Declared options as the commands see them after parsing. */
class OptionsTest {
    private static Options.Parsed parse(String... args) {
        Options o = new Options()
                .choice("model", "NAME", "mlp", "mlp or cnn", "mlp", "cnn")
                .choice("metrics", "HOW", null, "full, running or none", "full", "running", "none");
        return o.parse("test", "a test command", 0, List.of(args));
    }

    @Test
    void aChoiceTakesItsDefaultWhenAbsent() {
        assertEquals("mlp", parse().get("model"));
        assertNull(parse().get("metrics"));
    }

    @Test
    void aChoiceIsReadWithoutSurroundingBlanks() {
        assertEquals("cnn", parse("--model", " cnn ").get("model"));
    }

    @Test
    void anUndeclaredChoiceIsRefusedWhenParsedNamingTheChoices() {
        UsageException e = assertThrows(UsageException.class, () -> parse("--model", "rnn"));
        assertEquals("--model must be mlp or cnn, got 'rnn'", e.getMessage());
        e = assertThrows(UsageException.class, () -> parse("--metrics", "often"));
        assertEquals("--metrics must be full, running or none, got 'often'", e.getMessage());
    }

    @Test
    void choicesAreCaseSensitive() {
        assertThrows(UsageException.class, () -> parse("--model", "CNN"));
    }

    @Test
    void anIntegerTooLargeForOneIsRefusedWithTheRange() {
        Options o = new Options().integer("iterations", "N", null, "steps");
        Options.Parsed p = o.parse("test", "a test command", 0, List.of("--iterations", "99999999999"));
        UsageException e = assertThrows(UsageException.class, () -> p.integer("iterations"));
        assertEquals("--iterations must be between -2147483648 and 2147483647, got 99999999999", e.getMessage());
    }
}
