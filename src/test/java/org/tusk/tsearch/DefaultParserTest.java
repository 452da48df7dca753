package org.tusk.tsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Token types and texts of the default parser, as PostgreSQL 15's ts_parse('default', ...) gives them. */
class DefaultParserTest {
    private static String render(String text) {
        StringBuilder sb = new StringBuilder();
        for (DefaultParser.Token t : DefaultParser.tokens(text)) sb.append(TokenTypes.alias(t.type())).append('[').append(t.text()).append(']');
        return sb.toString();
    }

    @Test
    void wordsHyphensAndNumbers() {
        assertEquals("asciihword[foo-bar]hword_asciipart[foo]blank[-]hword_asciipart[bar]blank[ ]word[café]blank[ ]version[1.2.3]",
                render("foo-bar café 1.2.3"));
        assertEquals("int[-12]blank[ ]float[12.5]blank[ ]sfloat[1e5]", render("-12 12.5 1e5"));
    }

    @Test
    void emailUrlAndTags() {
        assertEquals("email[foo@bar.com]", render("foo@bar.com"));
        assertEquals("protocol[http://]url[x.com/a]host[x.com]url_path[/a]", render("http://x.com/a"));
        assertEquals("tag[<b>]asciiword[x]tag[</b>]", render("<b>x</b>"));
        assertEquals(List.of(), DefaultParser.tokens(""));
    }
}
