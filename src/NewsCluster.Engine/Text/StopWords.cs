using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NewsCluster.Engine.Text;

/// <summary>
/// Function words that carry no story identity: English, plus short lists for Russian, Ukrainian, Arabic, Urdu,
/// French, German and Spanish. Matched against normalised tokens (after <see cref="Tokenizer"/> folding, before
/// stemming). Rare or unknown function words in other languages are damped by IDF instead.
/// </summary>
public static class StopWords
{
    private static readonly FrozenSet<string> Set = Build();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Set.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether the normalised token is a stop word.</summary>
    public static bool Contains(ReadOnlySpan<char> token) => Lookup.Contains(token);

    /// <summary>
    /// <see cref="Contains(ReadOnlySpan{char})"/> for a token whose <see cref="Hashing.StableHash.HashToken"/> (seed 0)
    /// the caller already has: an open-addressing table indexed by that hash whose slots keep each word's full hash,
    /// so characters are compared only when the hashes agree (about half of English tokens are stop words, and the
    /// others mostly meet a different word or an empty slot).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Contains(ReadOnlySpan<char> token, ulong tokenHash)
    {
        // Most content words are longer than any stop word: no probe at all for them.
        if (token.Length > MaxLength) return false;
        // The others nearly all miss the filter, which is small enough to stay in the L1 cache; the slots are not
        // (content words would probe them at random), but the slots of the common stop words stay cached.
        var bit = (int)(tokenHash >> (64 - FilterBitsLog2));
        if ((Filter[bit >> 6] & (1UL << bit)) == 0) return false;
        var slots = HashedSlots;
        var mask = slots.Length - 1;
        for (var i = (int)(tokenHash & (ulong)mask); slots[i].Word is { } word; i = (i + 1) & mask)
            if (slots[i].Hash == tokenHash && SameChars(token, word)) return true;
        return false;
    }

    /// <summary>
    /// <paramref name="token"/> and <paramref name="word"/> are equal. For the short lengths of stop words it takes two
    /// overlapping loads from each side, inline: every stop word in the text reaches this test (its hash matched), and
    /// a call to <see cref="MemoryExtensions.SequenceEqual{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/> would cost more.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool SameChars(ReadOnlySpan<char> token, string word)
    {
        var n = token.Length;
        if (word.Length != n) return false;
        if (n < 2 || n > 2 * Vector128<ushort>.Count) return token.SequenceEqual(word);
        ref var a = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(token));
        ref var b = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(word.AsSpan()));
        // Byte offset just past the last character: the second load ends there, overlapping the first when n is
        // below twice the load width, so together they cover every character without reading past either side.
        var bytes = (nuint)n * sizeof(char);
        if (n >= Vector128<ushort>.Count)
        {
            return Vector128.LoadUnsafe(ref a) == Vector128.LoadUnsafe(ref b) &&
                   Vector128.LoadUnsafe(ref Unsafe.Add(ref a, bytes - 16)) == Vector128.LoadUnsafe(ref Unsafe.Add(ref b, bytes - 16));
        }
        if (n >= 4)
        {
            return Unsafe.ReadUnaligned<ulong>(ref a) == Unsafe.ReadUnaligned<ulong>(ref b) &&
                   Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, bytes - 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, bytes - 8));
        }
        return Unsafe.ReadUnaligned<uint>(ref a) == Unsafe.ReadUnaligned<uint>(ref b) &&
               Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref a, bytes - 4)) == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, bytes - 4));
    }

    private static readonly (ulong Hash, string? Word)[] HashedSlots = BuildHashedSlots();

    /// <summary>The length of the longest stop word.</summary>
    private static readonly int MaxLength = Set.Max(word => word.Length);

    /// <summary>Log₂ of the bits of <see cref="Filter"/>: 16 K bits (2 KB) for about 600 words, so a random hash passes it 1 time in 25.</summary>
    private const int FilterBitsLog2 = 14;

    /// <summary>A one-hash Bloom filter over the words' hashes, indexed by their top bits (the slots use the low bits).</summary>
    private static readonly ulong[] Filter = BuildFilter();

    private static ulong[] BuildFilter()
    {
        var filter = new ulong[(1 << FilterBitsLog2) / 64];
        foreach (var word in Set)
        {
            var bit = (int)(Hashing.StableHash.HashToken(word) >> (64 - FilterBitsLog2));
            filter[bit >> 6] |= 1UL << bit;
        }
        return filter;
    }

    private static (ulong Hash, string? Word)[] BuildHashedSlots()
    {
        var size = 16;
        while (size < Set.Count * 4) size *= 2;
        var slots = new (ulong Hash, string? Word)[size];
        foreach (var word in Set)
        {
            var hash = Hashing.StableHash.HashToken(word);
            var i = (int)(hash & (ulong)(size - 1));
            while (slots[i].Word is not null) i = (i + 1) & (size - 1);
            slots[i] = (hash, word);
        }
        return slots;
    }

    private static FrozenSet<string> Build()
    {
        const string english = """
            a about above after again against all almost along also although am among an and another any anyone anything are around as at
            back be became because become been before being below between both but by can cannot could did do does doing done down during
            each either else even ever every few for from further get gets got had has have having he her here hers herself him himself his
            how however i if in into is it its itself just least less like made make many may me might more most much must my myself
            neither no nor not now of off often on once one only or other others our ours ourselves out over own per perhaps rather
            same say said says she should since so some something still such than that the their theirs them themselves then there these
            they this those though through thus to too toward towards under until up upon us very via was we well were what when where
            whether which while who whom whose why will with within without would yet you your yours yourself yourselves
            mr mrs ms dr according told week weeks day days year years time new news report reported reports including include includes
            s t d ll re ve m
            """;
        const string others = """
            и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из
            ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей
            может они тут где есть надо ней для мы тебя их чем была сам чтобы без будто чего раз тоже себе под будет ж тогда кто этот
            того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при
            об также это эти который которые которая которых заявил сказал
            і й та що як але на до за від про під через це ці цей його її їх вони ми ви ти він вона воно бути був була було були також
            وَ و في من على إلى الى عن مع هذا هذه ذلك التي الذي الذين كان كانت ان أن إن او أو ثم قد لا ما لم لن كل بعد قبل بين حتى عند
            کے کی کا کو سے میں نے ہے ہیں تھا تھی تھے اور یہ وہ بھی پر تک کہ جو ایک ہی کر گیا گئی کیا لیے لئے ساتھ بعد اس ان
            le la les un une des du de et en est dans que qui pour par sur au aux ce ces il elle ils pas plus ne se son sa ses avec
            der die das und ist im in den dem des ein eine einer zu mit von auf für nicht sich es als auch an bei nach um wie
            el los las una unos unas y es en que por para con del al se su sus lo como más pero
            """;
        var set = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new TokenBuffer();
        foreach (var list in new[] { english, others })
        {
            buffer.Clear();
            Tokenizer.Tokenize(list, buffer);
            for (var i = 0; i < buffer.Count; i++) set.Add(buffer[i].ToString());
        }
        return set.ToFrozenSet(StringComparer.Ordinal);
    }
}
