package org.tusk.utils.misc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.ConfigFileLexer.Token;
import org.tusk.utils.misc.ConfigFileLexer.TokenType;

/**
 * Reads postgresql.conf and its includes into {@link ConfigItem}s (guc-file.l's
 * {@code ParseConfigFile}, {@code ParseConfigFp} and {@code ParseConfigDirectory}).
 *
 * <p>Each logical line is {@code name [=] value}. {@code include}, {@code include_if_exists}
 * and {@code include_dir} are processed where they appear, with relative paths taken relative
 * to the directory of the file containing them. Errors are reported as PostgreSQL reports
 * them, with file and line, and parsing goes on so that all errors are seen at once. Values are
 * not checked here: that needs the parameter definitions and is done when they are applied.
 */
public final class ConfigFileParser {
    /** Includes nested deeper than this are refused (protection against include loops). */
    private static final int MAX_DEPTH = 10;
    /** After this many syntax errors in one file it is not worth reading on. */
    private static final int MAX_SYNTAX_ERRORS = 100;

    private final Severity elevel;
    private final List<ConfigItem> items = new ArrayList<>();
    private final List<GucMessage> messages = new ArrayList<>();

    private ConfigFileParser(Severity elevel) {
        this.elevel = elevel;
    }

    /**
     * Parses a file. A relative path is taken relative to the working directory (the postmaster
     * passes absolute paths). {@code elevel} is the severity of error messages: LOG in the
     * postmaster, DEBUG in backends, which would otherwise repeat every complaint.
     */
    public static ConfigFileContents parse(Path file, boolean strict, Severity elevel) {
        ConfigFileParser parser = new ConfigFileParser(elevel);
        boolean ok = parser.parseFile(file.toString(), strict, null, 0, 0);
        return new ConfigFileContents(List.copyOf(parser.items), List.copyOf(parser.messages), ok);
    }

    private void report(Severity severity, String sqlState, String text) {
        messages.add(new GucMessage(severity, sqlState, text));
    }

    private static boolean isBlank(String s) {
        return s.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\r' || c == '\n');
    }

    /** {@code AbsoluteConfigLocation}: relative to the including file's directory. */
    private static Path absoluteLocation(String location, String callingFile) {
        Path path = Path.of(location);
        if (!path.isAbsolute()) {
            path = callingFile != null ? Path.of(callingFile).getParent().resolve(path) : path.toAbsolutePath();
        }
        return path.normalize();
    }

    private boolean parseFile(String configFile, boolean strict, String callingFile, int callingLine, int depth) {
        if (isBlank(configFile)) {
            // An empty name would resolve to the including file's directory.
            report(elevel, SqlState.INVALID_PARAMETER_VALUE,
                    "empty configuration file name: \"" + configFile + "\"");
            items.add(ConfigItem.error("empty configuration file name", callingFile, callingLine));
            return false;
        }
        if (depth > MAX_DEPTH) {
            report(elevel, SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "could not open configuration file \"" + configFile + "\": maximum nesting depth exceeded");
            items.add(ConfigItem.error("nesting depth exceeded", callingFile, callingLine));
            return false;
        }
        String absPath = absoluteLocation(configFile, callingFile).toString();
        if (absPath.equals(callingFile)) {
            report(elevel, SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "configuration file recursion in \"" + callingFile + "\"");
            items.add(ConfigItem.error("configuration file recursion", callingFile, callingLine));
            return false;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of(absPath));
        } catch (IOException e) {
            if (strict) {
                report(elevel, fileErrorCode(e), "could not open configuration file \"" + absPath + "\": "
                        + strerror(e));
                items.add(ConfigItem.error("could not open file \"" + absPath + "\"", callingFile, callingLine));
                return false;
            }
            report(Severity.LOG, null, "skipping missing configuration file \"" + absPath + "\"");
            return true;
        }
        return parseText(new String(bytes, StandardCharsets.UTF_8), absPath, depth);
    }

    private boolean parseDirectory(String includeDir, String callingFile, int callingLine, int depth) {
        if (isBlank(includeDir)) {
            report(elevel, SqlState.INVALID_PARAMETER_VALUE,
                    "empty configuration directory name: \"" + includeDir + "\"");
            items.add(ConfigItem.error("empty configuration directory name", callingFile, callingLine));
            return false;
        }
        Path directory = absoluteLocation(includeDir, callingFile);
        List<String> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                // Only *.conf, and never hidden files: skips editor backups and other debris.
                if (fileName.length() < 6 || fileName.startsWith(".") || !fileName.endsWith(".conf")) {
                    continue;
                }
                if (!Files.isDirectory(entry)) {
                    files.add(entry.toString());
                }
            }
        } catch (IOException e) {
            report(elevel, fileErrorCode(e), "could not open configuration directory \"" + directory + "\": "
                    + strerror(e));
            items.add(ConfigItem.error("could not open directory \"" + directory + "\"", callingFile, callingLine));
            return false;
        }
        files.sort(null); // byte order, like qsort with strcmp
        for (String file : files) {
            if (!parseFile(file, true, callingFile, callingLine, depth)) {
                return false;
            }
        }
        return true;
    }

    /** {@code ParseConfigFp}: one logical line per iteration. */
    private boolean parseText(String text, String configFile, int depth) {
        ConfigFileLexer lexer = new ConfigFileLexer(text);
        boolean ok = true;
        int errorCount = 0;
        Token token;
        while ((token = lexer.next()).type() != TokenType.EOF) {
            if (token.type() == TokenType.EOL) {
                continue; // empty or comment line
            }
            boolean parseError = true;
            parse:
            {
                if (token.type() != TokenType.ID && token.type() != TokenType.QUALIFIED_ID) {
                    break parse;
                }
                String name = token.text();
                token = lexer.next();
                if (token.type() == TokenType.EQUALS) {
                    token = lexer.next(); // the equal sign is optional
                }
                if (token.type() != TokenType.ID && token.type() != TokenType.STRING
                        && token.type() != TokenType.INTEGER && token.type() != TokenType.REAL
                        && token.type() != TokenType.UNQUOTED_STRING) {
                    break parse;
                }
                String value = token.type() == TokenType.STRING ? deescape(token.text()) : token.text();
                token = lexer.next();
                if (token.type() != TokenType.EOL && token.type() != TokenType.EOF) {
                    break parse;
                }
                // The value's line: the lexer has already counted the newline that ended it.
                int line = token.type() == TokenType.EOL ? lexer.lineNumber() - 1 : lexer.lineNumber();
                parseError = false;
                if (name.equalsIgnoreCase("include_dir")) {
                    ok &= parseDirectory(value, configFile, line, depth + 1);
                } else if (name.equalsIgnoreCase("include_if_exists")) {
                    ok &= parseFile(value, false, configFile, line, depth + 1);
                } else if (name.equalsIgnoreCase("include")) {
                    ok &= parseFile(value, true, configFile, line, depth + 1);
                } else {
                    items.add(ConfigItem.setting(name, value, configFile, line));
                }
                if (token.type() == TokenType.EOF) {
                    return ok;
                }
            }
            if (!parseError) {
                continue;
            }
            if (token.type() == TokenType.EOL || token.type() == TokenType.EOF) {
                // PostgreSQL reports the previous line here even at end of file; kept for fidelity.
                int line = lexer.lineNumber() - 1;
                report(elevel, SqlState.SYNTAX_ERROR,
                        "syntax error in file \"" + configFile + "\" line " + line + ", near end of line");
                items.add(ConfigItem.error("syntax error", configFile, line));
            } else {
                report(elevel, SqlState.SYNTAX_ERROR, "syntax error in file \"" + configFile + "\" line "
                        + lexer.lineNumber() + ", near token \"" + token.text() + "\"");
                items.add(ConfigItem.error("syntax error", configFile, lexer.lineNumber()));
            }
            ok = false;
            errorCount++;
            // Backends log at DEBUG only; repeating every complaint there would just be noise.
            if (errorCount >= MAX_SYNTAX_ERRORS || elevel == Severity.DEBUG) {
                report(elevel, SqlState.PROGRAM_LIMIT_EXCEEDED,
                        "too many syntax errors found, abandoning file \"" + configFile + "\"");
                return false;
            }
            while (token.type() != TokenType.EOL && token.type() != TokenType.EOF) {
                token = lexer.next(); // resynchronize at the end of the line
            }
            if (token.type() == TokenType.EOF) {
                break;
            }
        }
        return ok;
    }

    /**
     * {@code DeescapeQuotedString}: strips the quotes, turns '' into ' and interprets
     * backslash escapes (\b \f \n \r \t, up to three octal digits, anything else literally).
     * Octal escapes denote bytes, so the result is assembled as UTF-8 bytes.
     */
    static String deescape(String quoted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(quoted.length());
        String s = quoted.substring(1, quoted.length() - 1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                switch (e) {
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int value = 0;
                            int k = 0;
                            while (k < 3 && i + k < s.length() && s.charAt(i + k) >= '0' && s.charAt(i + k) <= '7') {
                                value = (value << 3) + (s.charAt(i + k) - '0');
                                k++;
                            }
                            i += k - 1;
                            out.write(value & 0xFF);
                        } else {
                            writeUtf8(out, s, i);
                            if (Character.isHighSurrogate(e)) {
                                i++;
                            }
                        }
                    }
                }
            } else if (c == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                out.write('\'');
                i++;
            } else {
                writeUtf8(out, s, i);
                if (Character.isHighSurrogate(c)) {
                    i++;
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void writeUtf8(ByteArrayOutputStream out, String s, int index) {
        int cp = s.codePointAt(index);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code errcode_for_file_access}. */
    private static String fileErrorCode(IOException e) {
        if (e instanceof NoSuchFileException) {
            return SqlState.UNDEFINED_FILE;
        }
        if (e instanceof AccessDeniedException) {
            return SqlState.INSUFFICIENT_PRIVILEGE;
        }
        return SqlState.IO_ERROR;
    }

    /** The text of {@code %m} for the usual failures. */
    private static String strerror(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e.getMessage() != null && e.getMessage().endsWith("Is a directory")) {
            return "Is a directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
