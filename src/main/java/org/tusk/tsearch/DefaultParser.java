package org.tusk.tsearch;

import static org.tusk.tsearch.TokenTypes.*;

import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's default text search parser (wparser_def.c: TParserInit, TParserGet,
 * prsd_nexttoken): a table-driven state machine whose per-state action lists are PostgreSQL's
 * own, tried in order for the current character; an action may push the current state (to come
 * back to the next action after a POP), pop it, forget pushed states (CLEAR, CLRALL), merge, or
 * end a token (BINGO). Characters are Unicode code points; the character classes follow the
 * C.UTF-8 locale a PostgreSQL 15 server uses through iswalpha and friends.
 *
 * <p>One instance parses one string and is used by one thread.
 */
public final class DefaultParser {
    /** A token: its type (TokenTypes) and text. */
    public record Token(int type, String text) {}

    // Parser states (TParserState), in PostgreSQL's order.
    private static final int Base = 0, InNumWord = 1, InAsciiWord = 2, InWord = 3, InUnsignedInt = 4,
            InSignedIntFirst = 5, InSignedInt = 6, InSpace = 7, InUDecimalFirst = 8, InUDecimal = 9,
            InDecimalFirst = 10, InDecimal = 11, InVerVersion = 12, InSVerVersion = 13, InVersionFirst = 14,
            InVersion = 15, InMantissaFirst = 16, InMantissaSign = 17, InMantissa = 18, InXMLEntityFirst = 19,
            InXMLEntity = 20, InXMLEntityNumFirst = 21, InXMLEntityNum = 22, InXMLEntityHexNumFirst = 23,
            InXMLEntityHexNum = 24, InXMLEntityEnd = 25, InTagFirst = 26, InXMLBegin = 27, InTagCloseFirst = 28,
            InTagName = 29, InTagBeginEnd = 30, InTag = 31, InTagEscapeK = 32, InTagEscapeKK = 33,
            InTagBackSleshed = 34, InTagEnd = 35, InCommentFirst = 36, InCommentLast = 37, InComment = 38,
            InCloseCommentFirst = 39, InCloseCommentLast = 40, InCommentEnd = 41, InHostFirstDomain = 42,
            InHostDomainSecond = 43, InHostDomain = 44, InPortFirst = 45, InPort = 46, InHostFirstAN = 47,
            InHost = 48, InEmail = 49, InFileFirst = 50, InFileTwiddle = 51, InPathFirst = 52,
            InPathFirstFirst = 53, InPathSecond = 54, InFile = 55, InFileNext = 56, InURLPathFirst = 57,
            InURLPathStart = 58, InURLPath = 59, InFURL = 60, InProtocolFirst = 61, InProtocolSecond = 62,
            InProtocolEnd = 63, InHyphenAsciiWordFirst = 64, InHyphenAsciiWord = 65, InHyphenWordFirst = 66,
            InHyphenWord = 67, InHyphenNumWordFirst = 68, InHyphenNumWord = 69, InHyphenDigitLookahead = 70,
            InParseHyphen = 71, InParseHyphenHyphen = 72, InHyphenWordPart = 73, InHyphenAsciiWordPart = 74,
            InHyphenNumWordPart = 75, InHyphenUnsignedInt = 76, Null = 77;

    // Action flags.
    private static final int A_NEXT = 0, A_BINGO = 1, A_POP = 2, A_PUSH = 4, A_RERUN = 8, A_CLEAR = 16,
            A_MERGE = 32, A_CLRALL = 64;

    /** Character tests (the p_is* functions); NONE ends an action list (matches anything). */
    private enum Test { NONE, EOF, EQ, ALNUM, NOTALNUM, ALPHA, DIGIT, SPACE, XDIGIT, ASCLET, SPECIAL, IGNORE,
        STOPHOST, HOST, URLPATH, URLCHAR }

    private enum Special { NONE, TAGS, FURL, HYPHEN, VERVERSION }

    private record Item(Test test, char c, int flags, int tostate, int type, Special special) {}

    private static Item a(Test t, int flags, int to, int type) { return new Item(t, (char) 0, flags, to, type, Special.NONE); }
    private static Item a(Test t, int flags, int to, int type, Special s) { return new Item(t, (char) 0, flags, to, type, s); }
    private static Item eq(char c, int flags, int to) { return new Item(Test.EQ, c, flags, to, 0, Special.NONE); }
    private static Item eq(char c, int flags, int to, int type, Special s) { return new Item(Test.EQ, c, flags, to, type, s); }

    private static final Item[][] ACTIONS = new Item[Null][];

    static {
        Test EOF = Test.EOF, NONE = Test.NONE, ALNUM = Test.ALNUM, ALPHA = Test.ALPHA, DIGIT = Test.DIGIT,
                ASCLET = Test.ASCLET, SPECIAL = Test.SPECIAL, SPACE_T = Test.SPACE, XDIGIT = Test.XDIGIT;
        ACTIONS[Base] = new Item[] {a(EOF, A_NEXT, Null, 0), eq('<', A_PUSH, InTagFirst), a(Test.IGNORE, A_NEXT, InSpace, 0),
                a(ASCLET, A_NEXT, InAsciiWord, 0), a(ALPHA, A_NEXT, InWord, 0), a(DIGIT, A_NEXT, InUnsignedInt, 0),
                eq('-', A_PUSH, InSignedIntFirst), eq('+', A_PUSH, InSignedIntFirst), eq('&', A_PUSH, InXMLEntityFirst),
                eq('~', A_PUSH, InFileTwiddle), eq('/', A_PUSH, InFileFirst), eq('.', A_PUSH, InPathFirstFirst),
                a(NONE, A_NEXT, InSpace, 0)};
        ACTIONS[InNumWord] = new Item[] {a(EOF, A_BINGO, Base, NUMWORD), a(ALNUM, A_NEXT, InNumWord, 0),
                a(SPECIAL, A_NEXT, InNumWord, 0), eq('@', A_PUSH, InEmail), eq('/', A_PUSH, InFileFirst),
                eq('.', A_PUSH, InFileNext), eq('-', A_PUSH, InHyphenNumWordFirst), a(NONE, A_BINGO, Base, NUMWORD)};
        ACTIONS[InAsciiWord] = new Item[] {a(EOF, A_BINGO, Base, ASCIIWORD), a(ASCLET, A_NEXT, Null, 0),
                eq('.', A_PUSH, InHostFirstDomain), eq('.', A_PUSH, InFileNext), eq('-', A_PUSH, InHostFirstAN),
                eq('-', A_PUSH, InHyphenAsciiWordFirst), eq('_', A_PUSH, InHostFirstAN), eq('@', A_PUSH, InEmail),
                eq(':', A_PUSH, InProtocolFirst), eq('/', A_PUSH, InFileFirst), a(DIGIT, A_PUSH, InHost, 0),
                a(DIGIT, A_NEXT, InNumWord, 0), a(ALPHA, A_NEXT, InWord, 0), a(SPECIAL, A_NEXT, InWord, 0),
                a(NONE, A_BINGO, Base, ASCIIWORD)};
        ACTIONS[InWord] = new Item[] {a(EOF, A_BINGO, Base, WORD_T), a(ALPHA, A_NEXT, Null, 0), a(SPECIAL, A_NEXT, Null, 0),
                a(DIGIT, A_NEXT, InNumWord, 0), eq('-', A_PUSH, InHyphenWordFirst), a(NONE, A_BINGO, Base, WORD_T)};
        ACTIONS[InUnsignedInt] = new Item[] {a(EOF, A_BINGO, Base, UNSIGNEDINT), a(DIGIT, A_NEXT, Null, 0),
                eq('.', A_PUSH, InHostFirstDomain), eq('.', A_PUSH, InUDecimalFirst), eq('e', A_PUSH, InMantissaFirst),
                eq('E', A_PUSH, InMantissaFirst), eq('-', A_PUSH, InHostFirstAN), eq('_', A_PUSH, InHostFirstAN),
                eq('@', A_PUSH, InEmail), a(ASCLET, A_PUSH, InHost, 0), a(ALPHA, A_NEXT, InNumWord, 0),
                a(SPECIAL, A_NEXT, InNumWord, 0), eq('/', A_PUSH, InFileFirst), a(NONE, A_BINGO, Base, UNSIGNEDINT)};
        ACTIONS[InSignedIntFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_NEXT | A_CLEAR, InSignedInt, 0),
                a(NONE, A_POP, Null, 0)};
        ACTIONS[InSignedInt] = new Item[] {a(EOF, A_BINGO, Base, SIGNEDINT), a(DIGIT, A_NEXT, Null, 0),
                eq('.', A_PUSH, InDecimalFirst), eq('e', A_PUSH, InMantissaFirst), eq('E', A_PUSH, InMantissaFirst),
                a(NONE, A_BINGO, Base, SIGNEDINT)};
        ACTIONS[InSpace] = new Item[] {a(EOF, A_BINGO, Base, SPACE), eq('<', A_BINGO, Base, SPACE, Special.NONE),
                a(Test.IGNORE, A_NEXT, Null, 0), eq('-', A_BINGO, Base, SPACE, Special.NONE),
                eq('+', A_BINGO, Base, SPACE, Special.NONE), eq('&', A_BINGO, Base, SPACE, Special.NONE),
                eq('/', A_BINGO, Base, SPACE, Special.NONE), a(Test.NOTALNUM, A_NEXT, InSpace, 0),
                a(NONE, A_BINGO, Base, SPACE)};
        ACTIONS[InUDecimalFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_CLEAR, InUDecimal, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InUDecimal] = new Item[] {a(EOF, A_BINGO, Base, DECIMAL_T), a(DIGIT, A_NEXT, InUDecimal, 0),
                eq('.', A_PUSH, InVersionFirst), eq('e', A_PUSH, InMantissaFirst), eq('E', A_PUSH, InMantissaFirst),
                a(NONE, A_BINGO, Base, DECIMAL_T)};
        ACTIONS[InDecimalFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_CLEAR, InDecimal, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InDecimal] = new Item[] {a(EOF, A_BINGO, Base, DECIMAL_T), a(DIGIT, A_NEXT, InDecimal, 0),
                eq('.', A_PUSH, InVerVersion), eq('e', A_PUSH, InMantissaFirst), eq('E', A_PUSH, InMantissaFirst),
                a(NONE, A_BINGO, Base, DECIMAL_T)};
        ACTIONS[InVerVersion] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_RERUN, InSVerVersion, 0, Special.VERVERSION),
                a(NONE, A_POP, Null, 0)};
        ACTIONS[InSVerVersion] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_BINGO | A_CLRALL, InUnsignedInt, SPACE),
                a(NONE, A_NEXT, Null, 0)};
        ACTIONS[InVersionFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_CLEAR, InVersion, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InVersion] = new Item[] {a(EOF, A_BINGO, Base, VERSIONNUMBER), a(DIGIT, A_NEXT, InVersion, 0),
                eq('.', A_PUSH, InVersionFirst), a(NONE, A_BINGO, Base, VERSIONNUMBER)};
        ACTIONS[InMantissaFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_CLEAR, InMantissa, 0),
                eq('+', A_NEXT, InMantissaSign), eq('-', A_NEXT, InMantissaSign), a(NONE, A_POP, Null, 0)};
        ACTIONS[InMantissaSign] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_CLEAR, InMantissa, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InMantissa] = new Item[] {a(EOF, A_BINGO, Base, SCIENTIFIC), a(DIGIT, A_NEXT, InMantissa, 0),
                a(NONE, A_BINGO, Base, SCIENTIFIC)};
        ACTIONS[InXMLEntityFirst] = new Item[] {a(EOF, A_POP, Null, 0), eq('#', A_NEXT, InXMLEntityNumFirst),
                a(ASCLET, A_NEXT, InXMLEntity, 0), eq(':', A_NEXT, InXMLEntity), eq('_', A_NEXT, InXMLEntity),
                a(NONE, A_POP, Null, 0)};
        ACTIONS[InXMLEntity] = new Item[] {a(EOF, A_POP, Null, 0), a(ALNUM, A_NEXT, InXMLEntity, 0), eq(':', A_NEXT, InXMLEntity),
                eq('_', A_NEXT, InXMLEntity), eq('.', A_NEXT, InXMLEntity), eq('-', A_NEXT, InXMLEntity),
                eq(';', A_NEXT, InXMLEntityEnd), a(NONE, A_POP, Null, 0)};
        ACTIONS[InXMLEntityNumFirst] = new Item[] {a(EOF, A_POP, Null, 0), eq('x', A_NEXT, InXMLEntityHexNumFirst),
                eq('X', A_NEXT, InXMLEntityHexNumFirst), a(DIGIT, A_NEXT, InXMLEntityNum, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InXMLEntityHexNumFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(XDIGIT, A_NEXT, InXMLEntityHexNum, 0),
                a(NONE, A_POP, Null, 0)};
        ACTIONS[InXMLEntityNum] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_NEXT, InXMLEntityNum, 0),
                eq(';', A_NEXT, InXMLEntityEnd), a(NONE, A_POP, Null, 0)};
        ACTIONS[InXMLEntityHexNum] = new Item[] {a(EOF, A_POP, Null, 0), a(XDIGIT, A_NEXT, InXMLEntityHexNum, 0),
                eq(';', A_NEXT, InXMLEntityEnd), a(NONE, A_POP, Null, 0)};
        ACTIONS[InXMLEntityEnd] = new Item[] {a(NONE, A_BINGO | A_CLEAR, Base, XMLENTITY)};
        ACTIONS[InTagFirst] = new Item[] {a(EOF, A_POP, Null, 0), eq('/', A_PUSH, InTagCloseFirst), eq('!', A_PUSH, InCommentFirst),
                eq('?', A_PUSH, InXMLBegin), a(ASCLET, A_PUSH, InTagName, 0), eq(':', A_PUSH, InTagName),
                eq('_', A_PUSH, InTagName), a(NONE, A_POP, Null, 0)};
        ACTIONS[InXMLBegin] = new Item[] {a(EOF, A_POP, Null, 0), eq('x', A_NEXT, InTag), a(NONE, A_POP, Null, 0)};
        ACTIONS[InTagCloseFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(ASCLET, A_NEXT, InTagName, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InTagName] = new Item[] {a(EOF, A_POP, Null, 0), eq('/', A_NEXT, InTagBeginEnd),
                eq('>', A_NEXT, InTagEnd, 0, Special.TAGS), a(SPACE_T, A_NEXT, InTag, 0, Special.TAGS),
                a(ALNUM, A_NEXT, Null, 0), eq(':', A_NEXT, Null), eq('_', A_NEXT, Null), eq('.', A_NEXT, Null),
                eq('-', A_NEXT, Null), a(NONE, A_POP, Null, 0)};
        ACTIONS[InTagBeginEnd] = new Item[] {a(EOF, A_POP, Null, 0), eq('>', A_NEXT, InTagEnd), a(NONE, A_POP, Null, 0)};
        ACTIONS[InTag] = new Item[] {a(EOF, A_POP, Null, 0), eq('>', A_NEXT, InTagEnd, 0, Special.TAGS),
                eq('\'', A_NEXT, InTagEscapeK), eq('"', A_NEXT, InTagEscapeKK), a(ASCLET, A_NEXT, Null, 0),
                a(DIGIT, A_NEXT, Null, 0), eq('=', A_NEXT, Null), eq('-', A_NEXT, Null), eq('_', A_NEXT, Null),
                eq('#', A_NEXT, Null), eq('/', A_NEXT, Null), eq(':', A_NEXT, Null), eq('.', A_NEXT, Null),
                eq('&', A_NEXT, Null), eq('?', A_NEXT, Null), eq('%', A_NEXT, Null), eq('~', A_NEXT, Null),
                a(SPACE_T, A_NEXT, Null, 0, Special.TAGS), a(NONE, A_POP, Null, 0)};
        ACTIONS[InTagEscapeK] = new Item[] {a(EOF, A_POP, Null, 0), eq('\\', A_PUSH, InTagBackSleshed),
                eq('\'', A_NEXT, InTag), a(NONE, A_NEXT, InTagEscapeK, 0)};
        ACTIONS[InTagEscapeKK] = new Item[] {a(EOF, A_POP, Null, 0), eq('\\', A_PUSH, InTagBackSleshed),
                eq('"', A_NEXT, InTag), a(NONE, A_NEXT, InTagEscapeKK, 0)};
        ACTIONS[InTagBackSleshed] = new Item[] {a(EOF, A_POP, Null, 0), a(NONE, A_MERGE, Null, 0)};
        ACTIONS[InTagEnd] = new Item[] {a(NONE, A_BINGO | A_CLRALL, Base, TAG_T)};
        ACTIONS[InCommentFirst] = new Item[] {a(EOF, A_POP, Null, 0), eq('-', A_NEXT, InCommentLast), eq('D', A_NEXT, InTag),
                eq('d', A_NEXT, InTag), a(NONE, A_POP, Null, 0)};
        ACTIONS[InCommentLast] = new Item[] {a(EOF, A_POP, Null, 0), eq('-', A_NEXT, InComment), a(NONE, A_POP, Null, 0)};
        ACTIONS[InComment] = new Item[] {a(EOF, A_POP, Null, 0), eq('-', A_NEXT, InCloseCommentFirst), a(NONE, A_NEXT, Null, 0)};
        ACTIONS[InCloseCommentFirst] = new Item[] {a(EOF, A_POP, Null, 0), eq('-', A_NEXT, InCloseCommentLast),
                a(NONE, A_NEXT, InComment, 0)};
        ACTIONS[InCloseCommentLast] = new Item[] {a(EOF, A_POP, Null, 0), eq('-', A_NEXT, Null), eq('>', A_NEXT, InCommentEnd),
                a(NONE, A_NEXT, InComment, 0)};
        ACTIONS[InCommentEnd] = new Item[] {a(NONE, A_BINGO | A_CLRALL, Base, TAG_T)};
        ACTIONS[InHostFirstDomain] = new Item[] {a(EOF, A_POP, Null, 0), a(ASCLET, A_NEXT, InHostDomainSecond, 0),
                a(DIGIT, A_NEXT, InHost, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InHostDomainSecond] = new Item[] {a(EOF, A_POP, Null, 0), a(ASCLET, A_NEXT, InHostDomain, 0),
                a(DIGIT, A_PUSH, InHost, 0), eq('-', A_PUSH, InHostFirstAN), eq('_', A_PUSH, InHostFirstAN),
                eq('.', A_PUSH, InHostFirstDomain), eq('@', A_PUSH, InEmail), a(NONE, A_POP, Null, 0)};
        ACTIONS[InHostDomain] = new Item[] {a(EOF, A_BINGO | A_CLRALL, Base, HOST), a(ASCLET, A_NEXT, InHostDomain, 0),
                a(DIGIT, A_PUSH, InHost, 0), eq(':', A_PUSH, InPortFirst), eq('-', A_PUSH, InHostFirstAN),
                eq('_', A_PUSH, InHostFirstAN), eq('.', A_PUSH, InHostFirstDomain), eq('@', A_PUSH, InEmail),
                a(DIGIT, A_POP, Null, 0), a(Test.STOPHOST, A_BINGO | A_CLRALL, InURLPathStart, HOST),
                eq('/', A_PUSH, InFURL), a(NONE, A_BINGO | A_CLRALL, Base, HOST)};
        ACTIONS[InPortFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_NEXT, InPort, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InPort] = new Item[] {a(EOF, A_BINGO | A_CLRALL, Base, HOST), a(DIGIT, A_NEXT, InPort, 0),
                a(Test.STOPHOST, A_BINGO | A_CLRALL, InURLPathStart, HOST), eq('/', A_PUSH, InFURL),
                a(NONE, A_BINGO | A_CLRALL, Base, HOST)};
        ACTIONS[InHostFirstAN] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_NEXT, InHost, 0), a(ASCLET, A_NEXT, InHost, 0),
                a(NONE, A_POP, Null, 0)};
        ACTIONS[InHost] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_NEXT, InHost, 0), a(ASCLET, A_NEXT, InHost, 0),
                eq('@', A_PUSH, InEmail), eq('.', A_PUSH, InHostFirstDomain), eq('-', A_PUSH, InHostFirstAN),
                eq('_', A_PUSH, InHostFirstAN), a(NONE, A_POP, Null, 0)};
        ACTIONS[InEmail] = new Item[] {a(Test.STOPHOST, A_POP, Null, 0), a(Test.HOST, A_BINGO | A_CLRALL, Base, EMAIL),
                a(NONE, A_POP, Null, 0)};
        ACTIONS[InFileFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(ASCLET, A_NEXT, InFile, 0), a(DIGIT, A_NEXT, InFile, 0),
                eq('.', A_NEXT, InPathFirst), eq('_', A_NEXT, InFile), eq('~', A_PUSH, InFileTwiddle), a(NONE, A_POP, Null, 0)};
        ACTIONS[InFileTwiddle] = new Item[] {a(EOF, A_POP, Null, 0), a(ASCLET, A_NEXT, InFile, 0), a(DIGIT, A_NEXT, InFile, 0),
                eq('_', A_NEXT, InFile), eq('/', A_NEXT, InFileFirst), a(NONE, A_POP, Null, 0)};
        ACTIONS[InPathFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(ASCLET, A_NEXT, InFile, 0), a(DIGIT, A_NEXT, InFile, 0),
                eq('_', A_NEXT, InFile), eq('.', A_NEXT, InPathSecond), eq('/', A_NEXT, InFileFirst), a(NONE, A_POP, Null, 0)};
        ACTIONS[InPathFirstFirst] = new Item[] {a(EOF, A_POP, Null, 0), eq('.', A_NEXT, InPathSecond),
                eq('/', A_NEXT, InFileFirst), a(NONE, A_POP, Null, 0)};
        ACTIONS[InPathSecond] = new Item[] {a(EOF, A_BINGO | A_CLEAR, Base, FILEPATH), eq('/', A_NEXT | A_PUSH, InFileFirst),
                eq('/', A_BINGO | A_CLEAR, Base, FILEPATH, Special.NONE), a(SPACE_T, A_BINGO | A_CLEAR, Base, FILEPATH),
                a(NONE, A_POP, Null, 0)};
        ACTIONS[InFile] = new Item[] {a(EOF, A_BINGO, Base, FILEPATH), a(ASCLET, A_NEXT, InFile, 0), a(DIGIT, A_NEXT, InFile, 0),
                eq('.', A_PUSH, InFileNext), eq('_', A_NEXT, InFile), eq('-', A_NEXT, InFile), eq('/', A_PUSH, InFileFirst),
                a(NONE, A_BINGO, Base, FILEPATH)};
        ACTIONS[InFileNext] = new Item[] {a(EOF, A_POP, Null, 0), a(ASCLET, A_CLEAR, InFile, 0), a(DIGIT, A_CLEAR, InFile, 0),
                eq('_', A_CLEAR, InFile), a(NONE, A_POP, Null, 0)};
        ACTIONS[InURLPathFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(Test.URLCHAR, A_NEXT, InURLPath, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InURLPathStart] = new Item[] {a(NONE, A_NEXT, InURLPath, 0)};
        ACTIONS[InURLPath] = new Item[] {a(EOF, A_BINGO, Base, URLPATH), a(Test.URLCHAR, A_NEXT, InURLPath, 0),
                a(NONE, A_BINGO, Base, URLPATH)};
        ACTIONS[InFURL] = new Item[] {a(EOF, A_POP, Null, 0), a(Test.URLPATH, A_BINGO | A_CLRALL, Base, URL_T, Special.FURL),
                a(NONE, A_POP, Null, 0)};
        ACTIONS[InProtocolFirst] = new Item[] {a(EOF, A_POP, Null, 0), eq('/', A_NEXT, InProtocolSecond), a(NONE, A_POP, Null, 0)};
        ACTIONS[InProtocolSecond] = new Item[] {a(EOF, A_POP, Null, 0), eq('/', A_NEXT, InProtocolEnd), a(NONE, A_POP, Null, 0)};
        ACTIONS[InProtocolEnd] = new Item[] {a(NONE, A_BINGO | A_CLRALL, Base, PROTOCOL)};
        ACTIONS[InHyphenAsciiWordFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(ASCLET, A_NEXT, InHyphenAsciiWord, 0),
                a(ALPHA, A_NEXT, InHyphenWord, 0), a(DIGIT, A_NEXT, InHyphenDigitLookahead, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InHyphenAsciiWord] = new Item[] {a(EOF, A_BINGO | A_CLRALL, InParseHyphen, ASCIIHWORD, Special.HYPHEN),
                a(ASCLET, A_NEXT, InHyphenAsciiWord, 0), a(ALPHA, A_NEXT, InHyphenWord, 0), a(SPECIAL, A_NEXT, InHyphenWord, 0),
                a(DIGIT, A_NEXT, InHyphenNumWord, 0), eq('-', A_PUSH, InHyphenAsciiWordFirst),
                a(NONE, A_BINGO | A_CLRALL, InParseHyphen, ASCIIHWORD, Special.HYPHEN)};
        ACTIONS[InHyphenWordFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(ALPHA, A_NEXT, InHyphenWord, 0),
                a(DIGIT, A_NEXT, InHyphenDigitLookahead, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InHyphenWord] = new Item[] {a(EOF, A_BINGO | A_CLRALL, InParseHyphen, HWORD, Special.HYPHEN),
                a(ALPHA, A_NEXT, InHyphenWord, 0), a(SPECIAL, A_NEXT, InHyphenWord, 0), a(DIGIT, A_NEXT, InHyphenNumWord, 0),
                eq('-', A_PUSH, InHyphenWordFirst), a(NONE, A_BINGO | A_CLRALL, InParseHyphen, HWORD, Special.HYPHEN)};
        ACTIONS[InHyphenNumWordFirst] = new Item[] {a(EOF, A_POP, Null, 0), a(ALPHA, A_NEXT, InHyphenNumWord, 0),
                a(DIGIT, A_NEXT, InHyphenDigitLookahead, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InHyphenNumWord] = new Item[] {a(EOF, A_BINGO | A_CLRALL, InParseHyphen, NUMHWORD, Special.HYPHEN),
                a(ALNUM, A_NEXT, InHyphenNumWord, 0), a(SPECIAL, A_NEXT, InHyphenNumWord, 0),
                eq('-', A_PUSH, InHyphenNumWordFirst), a(NONE, A_BINGO | A_CLRALL, InParseHyphen, NUMHWORD, Special.HYPHEN)};
        ACTIONS[InHyphenDigitLookahead] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_NEXT, InHyphenDigitLookahead, 0),
                a(ALPHA, A_NEXT, InHyphenNumWord, 0), a(SPECIAL, A_NEXT, InHyphenNumWord, 0), a(NONE, A_POP, Null, 0)};
        ACTIONS[InParseHyphen] = new Item[] {a(EOF, A_RERUN, Base, 0), a(ASCLET, A_NEXT, InHyphenAsciiWordPart, 0),
                a(ALPHA, A_NEXT, InHyphenWordPart, 0), a(DIGIT, A_PUSH, InHyphenUnsignedInt, 0),
                eq('-', A_PUSH, InParseHyphenHyphen), a(NONE, A_RERUN, Base, 0)};
        ACTIONS[InParseHyphenHyphen] = new Item[] {a(EOF, A_POP, Null, 0), a(ALNUM, A_BINGO | A_CLEAR, InParseHyphen, SPACE),
                a(SPECIAL, A_BINGO | A_CLEAR, InParseHyphen, SPACE), a(NONE, A_POP, Null, 0)};
        ACTIONS[InHyphenWordPart] = new Item[] {a(EOF, A_BINGO, Base, PARTHWORD), a(ALPHA, A_NEXT, InHyphenWordPart, 0),
                a(SPECIAL, A_NEXT, InHyphenWordPart, 0), a(DIGIT, A_NEXT, InHyphenNumWordPart, 0),
                a(NONE, A_BINGO, InParseHyphen, PARTHWORD)};
        ACTIONS[InHyphenAsciiWordPart] = new Item[] {a(EOF, A_BINGO, Base, ASCIIPARTHWORD),
                a(ASCLET, A_NEXT, InHyphenAsciiWordPart, 0), a(ALPHA, A_NEXT, InHyphenWordPart, 0),
                a(SPECIAL, A_NEXT, InHyphenWordPart, 0), a(DIGIT, A_NEXT, InHyphenNumWordPart, 0),
                a(NONE, A_BINGO, InParseHyphen, ASCIIPARTHWORD)};
        ACTIONS[InHyphenNumWordPart] = new Item[] {a(EOF, A_BINGO, Base, NUMPARTHWORD), a(ALNUM, A_NEXT, InHyphenNumWordPart, 0),
                a(SPECIAL, A_NEXT, InHyphenNumWordPart, 0), a(NONE, A_BINGO, InParseHyphen, NUMPARTHWORD)};
        ACTIONS[InHyphenUnsignedInt] = new Item[] {a(EOF, A_POP, Null, 0), a(DIGIT, A_NEXT, Null, 0),
                a(ALPHA, A_CLEAR, InHyphenNumWordPart, 0), a(SPECIAL, A_CLEAR, InHyphenNumWordPart, 0), a(NONE, A_POP, Null, 0)};
    }

    /** TParserPosition: one level of the state stack. */
    private static final class Position {
        int pos;            // position in code points
        int charlen;        // 1, or 0 at the end of the string
        int lentoken;       // length of the token so far
        int state;
        Position prev;
        int pushedAtAction = -1;

        Position(Position prev) {
            if (prev != null) {
                pos = prev.pos;
                charlen = prev.charlen;
                lentoken = prev.lentoken;
                state = prev.state;
            }
            this.prev = prev;
        }
    }

    private final int[] str;
    private final int lenstr;
    private Position state;
    private boolean ignore;
    private boolean wanthost;
    private char c;
    private int tokenStart;
    private int lentoken;
    private int type;

    private DefaultParser(int[] str, int offset) {
        this.str = str;
        this.lenstr = str.length;
        this.state = new Position(null);
        this.state.pos = offset;
        this.state.state = Base;
    }

    /** prsd_start. */
    public DefaultParser(String text) {
        this(text.codePoints().toArray(), 0);
    }

    /** All tokens of {@code text}, in order (prsd_nexttoken until it returns 0). */
    public static List<Token> tokens(String text) {
        DefaultParser p = new DefaultParser(text);
        List<Token> out = new ArrayList<>();
        Token t;
        while ((t = p.next()) != null) out.add(t);
        return out;
    }

    /** prsd_nexttoken: the next token, or null at the end. */
    public Token next() {
        if (!get()) return null;
        return new Token(type, new String(str, tokenStart, lentoken));
    }

    /** TParserGet. */
    private boolean get() {
        Item item = null;
        if (state.pos >= lenstr) return false;
        tokenStart = state.pos;
        state.pushedAtAction = -1;
        int index = 0;
        while (state.pos <= lenstr) {
            state.charlen = state.pos == lenstr ? 0 : 1;
            Item[] actions = ACTIONS[state.state];
            if (state.pushedAtAction >= 0) {
                index = state.pushedAtAction + 1;
                state.pushedAtAction = -1;
            } else {
                index = 0;
            }
            while (actions[index].test != Test.NONE) {
                c = actions[index].c;
                if (test(actions[index].test)) break;
                index++;
            }
            // the test may have re-entered (p_ishost/p_isURLPath use copies), so re-read the list
            item = actions[index];
            switch (item.special) {
                case TAGS -> specialTags();
                case FURL -> { wanthost = true; state.pos -= state.lentoken; }
                case HYPHEN -> state.pos -= state.lentoken;
                case VERVERSION -> { state.pos -= state.lentoken; state.lentoken = 0; }
                case NONE -> { }
            }
            if ((item.flags & A_BINGO) != 0) {
                lentoken = state.lentoken;
                state.lentoken = 0;
                type = item.type;
            }
            if ((item.flags & A_POP) != 0) {
                state = state.prev;
            } else if ((item.flags & A_PUSH) != 0) {
                state.pushedAtAction = index;
                state = new Position(state);
            } else if ((item.flags & A_CLEAR) != 0) {
                state.prev = state.prev.prev;
            } else if ((item.flags & A_CLRALL) != 0) {
                state.prev = null;
            } else if ((item.flags & A_MERGE) != 0) {
                Position ptr = state;
                state = state.prev;
                state.pos = ptr.pos;
                state.charlen = ptr.charlen;
                state.lentoken = ptr.lentoken;
            }
            if (item.tostate != Null) state.state = item.tostate;
            if ((item.flags & A_BINGO) != 0 || (state.pos >= lenstr && (item.flags & A_RERUN) == 0)) break;
            if ((item.flags & (A_RERUN | A_POP)) != 0) continue;
            if (state.charlen != 0) {
                state.pos++;
                state.lentoken++;
            }
        }
        return item != null && (item.flags & A_BINGO) != 0;
    }

    private int cur() { return str[state.pos]; }

    private boolean test(Test t) {
        if (t != Test.EOF && t != Test.IGNORE && t != Test.STOPHOST && state.charlen == 0
                && t != Test.HOST && t != Test.URLPATH) {
            // at the end only p_isEOF and the tests that do not look at the character can succeed;
            // PostgreSQL's tests read the terminating NUL there, which no class contains
            return t == Test.NOTALNUM;
        }
        return switch (t) {
            case NONE -> true;
            case EOF -> state.pos == lenstr || state.charlen == 0;
            case EQ -> cur() == c;
            case ALNUM -> isAlnum(cur());
            case NOTALNUM -> !isAlnum(cur());
            case ALPHA -> isAlpha(cur());
            case DIGIT -> cur() >= '0' && cur() <= '9';
            case SPACE -> Character.isWhitespace(cur()) || Character.isSpaceChar(cur());
            case XDIGIT -> Character.digit(cur(), 16) >= 0 && cur() < 128;
            case ASCLET -> cur() < 128 && isAlpha(cur());
            case SPECIAL -> isSpecial(cur());
            case IGNORE -> ignore;
            case STOPHOST -> {
                if (wanthost) {
                    wanthost = false;
                    yield true;
                }
                yield false;
            }
            case HOST -> isHost();
            case URLPATH -> isUrlPath();
            case URLCHAR -> isUrlChar(cur());
        };
    }

    private static boolean isAlpha(int cp) { return Character.isLetter(cp); }

    private static boolean isAlnum(int cp) { return Character.isLetterOrDigit(cp); }

    /**
     * p_isspecial: characters of zero display width and the spacing combining marks of Indic and
     * other scripts, which do not break a word though they are not letters.
     */
    private static boolean isSpecial(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK || t == Character.COMBINING_SPACING_MARK
                || t == Character.FORMAT;
    }

    /** p_isurlchar: printable ASCII except the characters RFC 3986 disallows. */
    private static boolean isUrlChar(int ch) {
        if (ch <= 0x20 || ch >= 0x7F) return false;
        return switch (ch) {
            case '"', '<', '>', '\\', '^', '`', '{', '|', '}' -> false;
            default -> true;
        };
    }

    /** SpecialTags: start or stop ignoring text inside script and style elements. */
    private void specialTags() {
        String token = new String(str, tokenStart, Math.min(state.lentoken, lenstr - tokenStart)).toLowerCase(java.util.Locale.ROOT);
        switch (state.lentoken) {
            case 8 -> { if (token.startsWith("</script")) ignore = false; }
            case 7 -> {
                if (token.startsWith("</style")) ignore = false;
                else if (token.startsWith("<script")) ignore = true;
            }
            case 6 -> { if (token.startsWith("<style")) ignore = true; }
            default -> { }
        }
    }

    /** p_ishost: whether a host name starts here (parsed by a copy of the parser), consumed if so. */
    private boolean isHost() {
        DefaultParser tmp = new DefaultParser(str, state.pos);
        tmp.wanthost = true;
        if (tmp.get() && tmp.type == HOST) {
            state.pos += tmp.lentoken;
            state.lentoken += tmp.lentoken;
            state.charlen = tmp.state.charlen;
            return true;
        }
        return false;
    }

    /** p_isURLPath: whether a URL path or file name starts here, consumed if so. */
    private boolean isUrlPath() {
        DefaultParser tmp = new DefaultParser(str, state.pos);
        tmp.state = new Position(tmp.state);
        tmp.state.state = InFileFirst;
        if (tmp.get() && (tmp.type == URLPATH || tmp.type == FILEPATH)) {
            state.pos += tmp.lentoken;
            state.lentoken += tmp.lentoken;
            state.charlen = tmp.state.charlen;
            return true;
        }
        return false;
    }
}
