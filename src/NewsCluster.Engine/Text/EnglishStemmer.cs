using System.Buffers;

namespace NewsCluster.Engine.Text;

/// <summary>
/// A light, conservative English suffix stripper in the spirit of Harman's S-stemmer (1991) extended with -ing,
/// -ed, -ly and a final -e, so that inflections of one word meet ("talks", "talked", "talking" -> "talk";
/// "indicates", "indicated" -> "indicat"). It only touches lower-case ASCII words of five letters or more and
/// keeps at least three letters with a vowel, so names, numbers and other scripts pass through unchanged.
/// </summary>
public static class EnglishStemmer
{
    /// <summary>Stems <paramref name="word"/> in place and returns the new length.</summary>
    public static int Stem(Span<char> word)
    {
        var n = word.Length;
        if (n < 4) return n;
        foreach (var c in word) if ((uint)(c - 'a') > 'z' - 'a') return n;

        // Plurals and third person: -ies -> -y, -sses -> -ss, -s (but not -ss, -us, -is).
        if (EndsWith(word, n, "ies") && n > 4) { word[n - 3] = 'y'; n -= 2; }
        else if (EndsWith(word, n, "sses")) n -= 2;
        else if (word[n - 1] == 's' && word[n - 2] is not ('s' or 'u' or 'i')) n -= 1;

        // -ing / -ed: strip when a vowel-bearing stem of three letters or more remains; undouble a final consonant.
        if (n >= 6 && EndsWith(word, n, "ing") && HasVowel(word[..(n - 3)])) n = Undouble(word, n - 3);
        else if (n >= 5 && EndsWith(word, n, "ed") && HasVowel(word[..(n - 2)])) n = Undouble(word, n - 2);
        else if (n >= 6 && EndsWith(word, n, "ly")) n -= 2;

        // A final silent -e, so "indicate" meets "indicated".
        if (n >= 5 && word[n - 1] == 'e') n -= 1;
        return n;
    }

    /// <summary>
    /// False when <see cref="Stem(Span{char})"/> certainly leaves <paramref name="word"/> unchanged: shorter than four
    /// letters, or not ending in a letter any rule strips (s, g of -ing, d of -ed, y of -ly, e). Cheaper than copying.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool MayStem(ReadOnlySpan<char> word) => word.Length >= 4 && word[^1] is 's' or 'g' or 'd' or 'y' or 'e';

    /// <summary>Convenience for tests and explanations.</summary>
    public static string Stem(string word)
    {
        var chars = word.ToCharArray();
        return new string(chars, 0, Stem(chars));
    }

    // Ordinal comparison of spans (the overload without a StringComparison compares code units directly).
    private static bool EndsWith(ReadOnlySpan<char> word, int length, string suffix) =>
        length > suffix.Length && word[..length].EndsWith(suffix.AsSpan());

    private static readonly SearchValues<char> Vowels = SearchValues.Create("aeiouy");

    private static bool HasVowel(ReadOnlySpan<char> stem) => stem.Length >= 3 && stem.IndexOfAny(Vowels) >= 0;

    private static int Undouble(ReadOnlySpan<char> word, int n)
    {
        if (n >= 4 && word[n - 1] == word[n - 2] && word[n - 1] is not ('l' or 's' or 'z' or 'e' or 'o' or 'a' or 'i' or 'u')) return n - 1;
        return n;
    }
}
