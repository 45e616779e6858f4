package io.jgrad.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final String NAME = "jgrad.test.settings";

    @AfterEach
    void clear() {
        System.clearProperty(NAME);
    }

    @Test
    void anAbsentOrBlankSettingTakesTheDefault() {
        assertEquals(7, Settings.intProperty(NAME, 7, 1));
        System.setProperty(NAME, "  ");
        assertEquals(7, Settings.intProperty(NAME, 7, 1));
    }

    @Test
    void anIntegerIsReadWithoutSurroundingBlanks() {
        System.setProperty(NAME, " 3 ");
        assertEquals(3, Settings.intProperty(NAME, 7, 1));
        System.setProperty(NAME, "0");
        assertEquals(0, Settings.intProperty(NAME, 7, 0));
    }

    @Test
    void aValueThatIsNoIntegerOrTooSmallIsRefusedNamingPropertyAndValue() {
        for (String bad : new String[] {"abc", "1.5", "0", "-2", "99999999999"}) {
            System.setProperty(NAME, bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Settings.intProperty(NAME, 7, 1));
            assertEquals("-D" + NAME + " must be an integer >= 1, got '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void aBooleanIsTrueOrFalseInAnyCase() {
        assertEquals(true, Settings.booleanProperty(NAME, true));
        System.setProperty(NAME, " FALSE ");
        assertEquals(false, Settings.booleanProperty(NAME, true));
        System.setProperty(NAME, "True");
        assertEquals(true, Settings.booleanProperty(NAME, false));
    }

    @Test
    void aBooleanThatIsNeitherIsRefused() {
        System.setProperty(NAME, "flase");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.booleanProperty(NAME, true));
        assertEquals("-D" + NAME + " must be true or false, got 'flase'", e.getMessage());
    }
}
