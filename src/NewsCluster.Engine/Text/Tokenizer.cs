using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NewsCluster.Engine.Text;

/// <summary>What a token is made of.</summary>
public enum TokenKind : byte
{
    /// <summary>A run of letters (and digits) in a script that separates words with spaces.</summary>
    Word,
    /// <summary>A run of decimal digits in any script, normalised to ASCII digits.</summary>
    Number,
    /// <summary>A character bigram from a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar).</summary>
    Gram,
}

/// <summary>One token: a slice of <see cref="TokenBuffer.Chars"/>.</summary>
public readonly record struct Token(int Start, int Length, TokenKind Kind);

/// <summary>
/// Reusable output of <see cref="Tokenizer.Tokenize"/>: the normalised characters and the tokens pointing into them.
/// Owned by one thread at a time; reusing it avoids an allocation per token.
/// </summary>
public sealed class TokenBuffer
{
    private char[] _chars = new char[4096];
    private Token[] _tokens = new Token[1024];
    private ulong[] _hashes = new ulong[1024];

    /// <summary>Normalised characters; tokens are slices of it.</summary>
    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, CharCount);

    /// <summary>Number of normalised characters.</summary>
    public int CharCount { get; private set; }

    /// <summary>Number of tokens.</summary>
    public int Count { get; private set; }

    /// <summary>The tokens in text order.</summary>
    public ReadOnlySpan<Token> Tokens => _tokens.AsSpan(0, Count);

    /// <summary>The characters of token <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> this[int index] { get { var t = _tokens[index]; return _chars.AsSpan(t.Start, t.Length); } }

    /// <summary>A writable view of a token's characters (the stemmer shortens words in place).</summary>
    internal Span<char> Writable(int start, int length) => _chars.AsSpan(start, length);

    /// <summary>Forgets all tokens and characters, keeping the storage.</summary>
    public void Clear()
    {
        CharCount = 0;
        Count = 0;
    }

    /// <summary>
    /// <see cref="Hashing.StableHash.HashToken"/> (seed 0) of each token: set by <see cref="Tokenizer.TokenizeAscii"/>,
    /// which computes them while scanning; after <see cref="Tokenizer.Tokenize"/> the caller fills them in.
    /// </summary>
    internal Span<ulong> Hashes => _hashes.AsSpan(0, Count);

    /// <summary>Makes room for <paramref name="chars"/> more characters and <paramref name="tokens"/> more tokens.</summary>
    internal void Reserve(int chars, int tokens)
    {
        if (_chars.Length - CharCount < chars) Array.Resize(ref _chars, Math.Max(CharCount + chars, _chars.Length * 2));
        if (_tokens.Length - Count < tokens)
        {
            Array.Resize(ref _tokens, Math.Max(Count + tokens, _tokens.Length * 2));
            Array.Resize(ref _hashes, _tokens.Length);
        }
    }

    /// <summary>The storage behind <see cref="Chars"/>, <see cref="Tokens"/> and <see cref="Hashes"/>, for a tokeniser that fills it directly.</summary>
    internal (char[] Chars, Token[] Tokens, ulong[] Hashes) Storage => (_chars, _tokens, _hashes);

    /// <summary>Takes in what a tokeniser wrote to <see cref="Storage"/> beyond the current counts.</summary>
    internal void Commit(int charCount, int tokenCount)
    {
        CharCount = charCount;
        Count = tokenCount;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AppendChar(char c)
    {
        if (CharCount == _chars.Length) Array.Resize(ref _chars, _chars.Length * 2);
        _chars[CharCount++] = c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddToken(int start, int length, TokenKind kind)
    {
        if (Count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
            Array.Resize(ref _hashes, _tokens.Length);
        }
        _tokens[Count++] = new Token(start, length, kind);
    }

    /// <summary>Copies the tokens out as strings (for explanations and tests, not the hot path).</summary>
    public List<string> ToStrings()
    {
        var list = new List<string>(Count);
        for (var i = 0; i < Count; i++) list.Add(this[i].ToString());
        return list;
    }
}

/// <summary>
/// Language-agnostic tokeniser: Unicode letters and digits in any script, case-folded (invariant culture), decimal
/// digits of every script mapped to ASCII, Arabic-script variants unified (alef forms, yeh, kaf, heh; diacritics,
/// tatweel and zero-width joiners dropped) so that Arabic and Urdu spellings meet, and scripts written without
/// spaces (Han, kana, Thai, Lao, Khmer, Myanmar) cut into overlapping character bigrams, the usual unit for
/// CJK retrieval. Combining marks stay inside their word (Devanagari vowel signs, for instance).
/// </summary>
public static class Tokenizer
{
    private enum CharClass : byte { Separator, Word, NoSpace, Ignorable }

    /// <summary>For each ASCII character: its folded form when it is a letter or digit, else 0.</summary>
    private static readonly char[] AsciiFold = BuildAsciiFold();

    private static char[] BuildAsciiFold()
    {
        var table = new char[128];
        for (var c = '0'; c <= '9'; c++) table[c] = c;
        for (var c = 'a'; c <= 'z'; c++) table[c] = c;
        for (var c = 'A'; c <= 'Z'; c++) table[c] = (char)(c | 0x20);
        return table;
    }

    /// <summary>Tokenises <paramref name="text"/> and appends the tokens to <paramref name="into"/>.</summary>
    public static void Tokenize(ReadOnlySpan<char> text, TokenBuffer into)
    {
        var wordStart = -1;
        var allDigits = true;
        var runStart = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                // ASCII, by table: letters and digits are word characters (folded to lower case), the rest separate.
                // The same decisions as the general path below, without classifying and normalising separately.
                if (runStart >= 0)
                {
                    EmitGrams(into, runStart);
                    runStart = -1;
                }
                var folded = AsciiFold[c];
                if (folded != 0)
                {
                    if (wordStart < 0)
                    {
                        wordStart = into.CharCount;
                        allDigits = true;
                    }
                    if ((uint)(folded - '0') > 9) allDigits = false;
                    into.AppendChar(folded);
                }
                else if (wordStart >= 0)
                {
                    EmitWord(into, wordStart, allDigits);
                    wordStart = -1;
                }
                continue;
            }
            var cls = Classify(c);
            if (cls == CharClass.Ignorable) continue;
            if (cls != CharClass.NoSpace && runStart >= 0)
            {
                EmitGrams(into, runStart);
                runStart = -1;
            }
            switch (cls)
            {
                case CharClass.Word:
                    var isMark = IsMark(c);
                    if (wordStart < 0)
                    {
                        if (isMark) continue;
                        wordStart = into.CharCount;
                        allDigits = true;
                    }
                    var n = Normalize(c);
                    if (n > '9' || n < '0') allDigits = false;
                    into.AppendChar(n);
                    break;
                case CharClass.NoSpace:
                    if (wordStart >= 0)
                    {
                        EmitWord(into, wordStart, allDigits);
                        wordStart = -1;
                    }
                    if (runStart < 0) runStart = into.CharCount;
                    into.AppendChar(c);
                    break;
                default:
                    if (wordStart >= 0)
                    {
                        EmitWord(into, wordStart, allDigits);
                        wordStart = -1;
                    }
                    break;
            }
        }
        if (wordStart >= 0) EmitWord(into, wordStart, allDigits);
        if (runStart >= 0) EmitGrams(into, runStart);
    }

    /// <summary>
    /// Whether <see cref="TokenizeAscii"/> tokenises <paramref name="text"/> exactly as <see cref="Tokenize"/> does:
    /// every character is ASCII or a non-ASCII separator (curly quotes, dashes, no-break spaces...), so there are no
    /// marks, ignorable characters, character bigrams or non-ASCII letters to normalise.
    /// </summary>
    internal static bool IsAsciiTokenisable(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOfAnyExceptInRange('\0', '\u007F'); i >= 0; )
        {
            if (Classify(text[i]) != CharClass.Separator) return false;
            var next = text[(i + 1)..].IndexOfAnyExceptInRange('\0', '\u007F');
            i = next < 0 ? -1 : i + 1 + next;
        }
        return true;
    }

    /// <summary>
    /// <see cref="Tokenize"/> for a text for which <see cref="IsAsciiTokenisable"/> holds, in one pass that also sets
    /// each token's hash (<see cref="TokenBuffer.Hashes"/>) and returns the text's <see cref="ArticleText.LineKey"/>:
    /// folding a character, appending it and extending both hashes happen together, so nothing walks the characters
    /// again. The line key hashes exactly the tokens' characters, since the precondition leaves no other letters or digits.
    /// </summary>
    internal static ulong TokenizeAscii(ReadOnlySpan<char> text, TokenBuffer into)
    {
        var fold = AsciiFold;
        // Tokens need a separator between them, so a text of n characters has at most n / 2 + 1. With that room
        // reserved, the loop writes straight into the storage with no calls and no bounds checks (written never
        // passes CharCount + text.Length, count never passes Count + text.Length / 2 + 1), keeping its state in
        // registers: the line key's multiply chain is the critical path and must not go through the stack.
        into.Reserve(text.Length, text.Length / 2 + 1);
        var (charStorage, tokenStorage, hashStorage) = into.Storage;
        ref var chars = ref MemoryMarshal.GetArrayDataReference(charStorage);
        ref var tokens = ref MemoryMarshal.GetArrayDataReference(tokenStorage);
        ref var hashes = ref MemoryMarshal.GetArrayDataReference(hashStorage);
        var firstChar = into.CharCount;
        var written = firstChar;
        var count = into.Count;
        var lineKey = Hashing.StableHash.FnvOffsetBasis;
        var i = 0;
        while (true)
        {
            // Non-ASCII characters are separators here (the precondition), as are ASCII ones that fold to 0.
            while ((uint)i < (uint)text.Length)
            {
                var c = text[i];
                if (c < (uint)fold.Length && fold[c] != 0) break;
                i++;
            }
            if ((uint)i >= (uint)text.Length) break;
            var start = written;
            var fnv = Hashing.StableHash.FnvOffsetBasis;
            var bits = 0;
            while ((uint)i < (uint)text.Length)
            {
                var c = text[i];
                if (c >= (uint)fold.Length) break;
                var folded = fold[c];
                if (folded == 0) break;
                Unsafe.Add(ref chars, written++) = folded;
                fnv = Hashing.StableHash.Fnv1a64Latin1Step(fnv, folded);
                // The line key's own chain (one FNV step per character, as ArticleText hashes lines).
                lineKey = (lineKey ^ folded) * Hashing.StableHash.FnvPrime;
                bits |= folded;
                i++;
            }
            // Folded letters (0x61-0x7A) have bit 0x40, digits (0x30-0x39) do not.
            Unsafe.Add(ref tokens, count) = new Token(start, written - start, (bits & 0x40) != 0 ? TokenKind.Word : TokenKind.Number);
            Unsafe.Add(ref hashes, count) = Hashing.StableHash.HashTokenFromFnv(fnv);
            count++;
        }
        into.Commit(written, count);
        return written > firstChar ? Hashing.StableHash.Mix64(lineKey) : 0;
    }

    /// <summary>Convenience: the normalised tokens of <paramref name="text"/> as strings.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var buffer = new TokenBuffer();
        Tokenize(text, buffer);
        return buffer.ToStrings();
    }

    private static void EmitWord(TokenBuffer into, int start, bool allDigits) =>
        into.AddToken(start, into.CharCount - start, allDigits ? TokenKind.Number : TokenKind.Word);

    private static void EmitGrams(TokenBuffer into, int runStart)
    {
        var length = into.CharCount - runStart;
        if (length == 1)
        {
            into.AddToken(runStart, 1, TokenKind.Gram);
            return;
        }
        for (var i = runStart; i + 1 < into.CharCount; i++) into.AddToken(i, 2, TokenKind.Gram);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CharClass Classify(char c)
    {
        if (c < 0x80)
        {
            return (uint)(c - 'a') <= 'z' - 'a' || (uint)(c - 'A') <= 'Z' - 'A' || (uint)(c - '0') <= 9
                ? CharClass.Word : CharClass.Separator;
        }
        if (c is '\u00AD' or '\u200C' or '\u200D' or '\u0640' || (c >= '\u064B' && c <= '\u065F') || c == '\u0670')
            return CharClass.Ignorable;
        if (IsNoSpaceScript(c)) return CharClass.NoSpace;
        if (char.IsLetterOrDigit(c) || IsMark(c)) return CharClass.Word;
        return CharClass.Separator;
    }

    private static bool IsNoSpaceScript(char c) =>
        (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF') ||
        (c >= '\u3040' && c <= '\u30FF') || (c >= '\u0E00' && c <= '\u0EFF') || (c >= '\u1780' && c <= '\u17FF') ||
        (c >= '\u1000' && c <= '\u109F') || char.IsSurrogate(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsMark(char c) => c >= 0x300 &&
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char Normalize(char c)
    {
        if (c < 0x80) return (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        switch (c)
        {
            case '\u0623' or '\u0625' or '\u0622' or '\u0671': return '\u0627'; // alef with hamza/madda/wasla -> alef
            case '\u0649' or '\u064A': return '\u06CC';                        // alef maksura, Arabic yeh -> Farsi/Urdu yeh
            case '\u0643': return '\u06A9';                                     // Arabic kaf -> keheh
            case '\u06C1' or '\u06D5' or '\u0629' or '\u06C2': return '\u0647'; // heh goal, ae, teh marbuta -> heh
            case '\u06D3': return '\u06D2';                                     // yeh barree with hamza -> yeh barree
            case '\u03C2': return '\u03C3';                                     // final sigma -> sigma
        }
        var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
        if (digit >= 0) return (char)('0' + digit);
        return char.ToLowerInvariant(c);
    }
}
