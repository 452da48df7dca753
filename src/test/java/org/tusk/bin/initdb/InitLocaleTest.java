package org.tusk.bin.initdb;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

class InitLocaleTest {
    @Test
    void environmentOrderIsLcAllThenCategoryThenLang() {
        assertEquals("C.UTF-8", InitLocale.choose("LC_COLLATE", null, null, Map.of("LANG", "C.UTF-8")));
        assertEquals("POSIX", InitLocale.choose("LC_COLLATE", null, null, Map.of("LANG", "C.UTF-8", "LC_COLLATE", "POSIX")));
        assertEquals("C", InitLocale.choose("LC_CTYPE", null, null, Map.of("LC_ALL", "C", "LC_CTYPE", "C.UTF-8")));
        assertEquals("C", InitLocale.choose("LC_CTYPE", null, null, Map.of()));
    }

    @Test
    void optionsWinOverTheEnvironment() {
        assertEquals("C", InitLocale.choose("LC_COLLATE", null, "C", Map.of("LANG", "C.UTF-8")));
        assertEquals("C.utf8", InitLocale.choose("LC_COLLATE", "C.utf8", "C", Map.of()));
    }

    @Test
    void aLocaleWithAnotherOrderIsRefusedWhenAskedForAndReplacedByCWhenInherited() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> InitLocale.choose("LC_COLLATE", null, "en_US.UTF-8", Map.of()));
        assertEquals("invalid locale name \"en_US.UTF-8\"", e.getMessage());
        assertEquals("C", InitLocale.choose("LC_COLLATE", null, null, Map.of("LANG", "en_US.UTF-8")));
    }
}
