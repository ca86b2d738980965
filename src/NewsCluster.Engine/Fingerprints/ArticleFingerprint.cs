using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NewsCluster.Engine.Fingerprints;

/// <summary>
/// Everything the engine needs to compare one article with others, computed from the article alone (no corpus
/// statistics), so it can be stored with the article (a SQLite BLOB via <see cref="ToBytes"/>) and loaded later:
/// <list type="bullet">
/// <item><see cref="StorySignature"/>: MinHash (Broder 1997) of the set of content terms (stemmed content words,
/// title words, numbers, names, CJK bigrams): the recall-oriented candidate key of the story tier.</item>
/// <item><see cref="CopySignature"/>: MinHash of the word <c>n</c>-gram shingles (default 5): near-identical copies
/// have Jaccard ≥ ~0.8 here, rewrites ~0.</item>
/// <item><see cref="TermIds"/>/<see cref="TermWeights"/>: the heaviest terms with their sublinear, position-weighted
/// term frequency 1 + ln(tf), title and lead counted up. IDF is applied at comparison time from the corpus at hand
/// (<see cref="Clustering.CorpusStatistics"/>), which is what keeps fingerprints independent of the corpus.</item>
/// </list>
/// Immutable; the arrays must not be modified.
/// </summary>
public sealed class ArticleFingerprint
{
    private const uint Magic = 0x3146434E; // "NCF1" little-endian
    private const int HeaderBytes = 4 + 4 + 8 + 4 + 4 + 4;

    /// <summary>Creates a fingerprint from its parts (normally via <see cref="FingerprintBuilder"/>).</summary>
    public ArticleFingerprint(ulong seed, uint[] storySignature, uint[] copySignature, uint[] termIds, float[] termWeights, int wordCount)
    {
        if (storySignature.Length != copySignature.Length) throw new ArgumentException("Signatures differ in length.");
        if (termIds.Length != termWeights.Length) throw new ArgumentException("Term ids and weights differ in length.");
        for (var i = 1; i < termIds.Length; i++)
            if (termIds[i - 1] >= termIds[i]) throw new ArgumentException("Term ids must be strictly ascending.", nameof(termIds));
        Seed = seed;
        StorySignature = storySignature;
        CopySignature = copySignature;
        TermIds = termIds;
        TermWeights = termWeights;
        WordCount = wordCount;
    }

    /// <summary>Seed of the MinHash permutations the signatures were made with.</summary>
    public ulong Seed { get; }

    /// <summary>MinHash of the content-term set (story tier candidates).</summary>
    public uint[] StorySignature { get; }

    /// <summary>MinHash of the word-shingle set (copies tier).</summary>
    public uint[] CopySignature { get; }

    /// <summary>Term ids (32-bit stable hashes of the normalised, stemmed terms), strictly ascending.</summary>
    public uint[] TermIds { get; }

    /// <summary>Raw term weights 1 + ln(weighted tf), parallel to <see cref="TermIds"/>.</summary>
    public float[] TermWeights { get; }

    /// <summary>Words in the compared body.</summary>
    public int WordCount { get; }

    /// <summary>Approximate managed size in bytes (arrays plus object headers), for memory accounting.</summary>
    public int ApproximateBytes => 3 * 24 + 32 + 4 * (StorySignature.Length + CopySignature.Length) + 8 * TermIds.Length + 24;

    /// <summary>
    /// Serialises to a compact little-endian byte array: magic "NCF1", permutation count, seed, term count, word
    /// count, reserved, then both signatures, the term ids and the weights (about 4·2k + 8·terms bytes, ~2.3 KB).
    /// </summary>
    public byte[] ToBytes()
    {
        var k = StorySignature.Length;
        var n = TermIds.Length;
        var bytes = new byte[HeaderBytes + 8 * k + 8 * n];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], k);
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], Seed);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], n);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], WordCount);
        var offset = HeaderBytes;
        offset = WriteUInts(span, offset, StorySignature);
        offset = WriteUInts(span, offset, CopySignature);
        offset = WriteUInts(span, offset, TermIds);
        foreach (var w in TermWeights)
        {
            BinaryPrimitives.WriteSingleLittleEndian(span[offset..], w);
            offset += 4;
        }
        return bytes;
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote; throws <see cref="FormatException"/> on anything else.</summary>
    public static ArticleFingerprint FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
            throw new FormatException("Not a NewsCluster fingerprint (bad magic).");
        var k = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        var seed = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        var n = BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]);
        var words = BinaryPrimitives.ReadInt32LittleEndian(bytes[20..]);
        if (k <= 0 || n < 0 || (long)HeaderBytes + 8L * k + 8L * n != bytes.Length)
            throw new FormatException("Fingerprint length does not match its header.");
        var offset = HeaderBytes;
        var story = ReadUInts(bytes, ref offset, k);
        var copy = ReadUInts(bytes, ref offset, k);
        var ids = ReadUInts(bytes, ref offset, n);
        var weights = new float[n];
        for (var i = 0; i < n; i++, offset += 4) weights[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[offset..]);
        try
        {
            return new ArticleFingerprint(seed, story, copy, ids, weights, words);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("Fingerprint content is invalid: " + e.Message, e);
        }
    }

    private static int WriteUInts(Span<byte> span, int offset, uint[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(span[offset..]);
            return offset + 4 * values.Length;
        }
        foreach (var v in values)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], v);
            offset += 4;
        }
        return offset;
    }

    private static uint[] ReadUInts(ReadOnlySpan<byte> bytes, ref int offset, int count)
    {
        var values = new uint[count];
        for (var i = 0; i < count; i++, offset += 4) values[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
        return values;
    }
}
