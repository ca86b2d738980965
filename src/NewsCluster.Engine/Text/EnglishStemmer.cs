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
        if (n > 4 && EndsWith(word, n, 'i', 'e', 's')) { word[n - 3] = 'y'; n -= 2; }
        else if (n > 4 && EndsWith(word, n, 's', 's', 'e', 's')) n -= 2;
        else if (word[n - 1] == 's' && word[n - 2] is not ('s' or 'u' or 'i')) n -= 1;

        // -ing / -ed: strip when a vowel-bearing stem of three letters or more remains; undouble a final consonant.
        if (n >= 6 && EndsWith(word, n, 'i', 'n', 'g') && HasVowel(word[..(n - 3)])) n = Undouble(word, n - 3);
        else if (n >= 5 && EndsWith(word, n, 'e', 'd') && HasVowel(word[..(n - 2)])) n = Undouble(word, n - 2);
        else if (n >= 6 && EndsWith(word, n, 'l', 'y')) n -= 2;

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

    // Suffix tests by character: the callers guarantee length > suffix length (n >= 4 before step 1, more after).
    private static bool EndsWith(ReadOnlySpan<char> word, int length, char a, char b) =>
        word[length - 2] == a && word[length - 1] == b;

    private static bool EndsWith(ReadOnlySpan<char> word, int length, char a, char b, char c) =>
        word[length - 3] == a && word[length - 2] == b && word[length - 1] == c;

    private static bool EndsWith(ReadOnlySpan<char> word, int length, char a, char b, char c, char d) =>
        word[length - 4] == a && word[length - 3] == b && word[length - 2] == c && word[length - 1] == d;

    /// <summary>Bit (c − 'a') is set for the vowels a, e, i, o, u and y.</summary>
    private const uint VowelBits = 1u << ('a' - 'a') | 1u << ('e' - 'a') | 1u << ('i' - 'a') | 1u << ('o' - 'a') | 1u << ('u' - 'a') | 1u << ('y' - 'a');

    // The stem holds only the letters a-z here (Stem returns early otherwise).
    private static bool HasVowel(ReadOnlySpan<char> stem)
    {
        if (stem.Length < 3) return false;
        foreach (var c in stem)
            if (((VowelBits >> (c - 'a')) & 1) != 0) return true;
        return false;
    }

    private static int Undouble(ReadOnlySpan<char> word, int n)
    {
        if (n >= 4 && word[n - 1] == word[n - 2] && word[n - 1] is not ('l' or 's' or 'z' or 'e' or 'o' or 'a' or 'i' or 'u')) return n - 1;
        return n;
    }
}
