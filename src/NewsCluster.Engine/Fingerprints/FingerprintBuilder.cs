using NewsCluster.Engine.Hashing;
using NewsCluster.Engine.MinHash;
using NewsCluster.Engine.Text;

namespace NewsCluster.Engine.Fingerprints;

/// <summary>The analysed text of one article, before MinHash: the term vector, the term set and the shingles.</summary>
public sealed class ArticleFeatures
{
    internal ArticleFeatures(uint[] termIds, float[] termWeights, uint[] storyElements, uint[] copyShingles, int wordCount, IReadOnlyDictionary<uint, string>? termTexts)
    {
        TermIds = termIds;
        TermWeights = termWeights;
        StoryElements = storyElements;
        CopyShingles = copyShingles;
        WordCount = wordCount;
        TermTexts = termTexts;
    }

    /// <summary>Heaviest term ids, ascending.</summary>
    public uint[] TermIds { get; }

    /// <summary>Raw weights 1 + ln(tf) parallel to <see cref="TermIds"/>.</summary>
    public float[] TermWeights { get; }

    /// <summary>The salient terms (the story-tier MinHash set): the <see cref="FingerprintOptions.CandidateTerms"/> heaviest, ascending.</summary>
    public uint[] StoryElements { get; }

    /// <summary>The word-shingle hashes (the copies-tier MinHash set, with repeats).</summary>
    public uint[] CopyShingles { get; }

    /// <summary>Words in the compared body.</summary>
    public int WordCount { get; }

    /// <summary>The text of each term id, when the builder was asked to keep it (explanations).</summary>
    public IReadOnlyDictionary<uint, string>? TermTexts { get; }
}

/// <summary>
/// Turns (title, text) into an <see cref="ArticleFingerprint"/>: defensive clean-up (<see cref="ArticleText"/>),
/// tokenising (<see cref="Tokenizer"/>), stop words, light stemming, position-weighted term frequencies, word
/// shingles and two MinHash signatures.
/// </summary>
/// <remarks>
/// An instance owns scratch buffers and is therefore not thread-safe: give each thread its own (they are cheap).
/// The result depends only on the article and the <see cref="FingerprintOptions"/>, never on other articles.
/// </remarks>
public sealed class FingerprintBuilder
{
    private readonly FingerprintOptions _options;
    private readonly MinHasher _hasher;
    private readonly TokenBuffer _tokens = new();
    private readonly Dictionary<uint, float> _tf = new();
    private readonly List<ulong> _wordHashes = new();
    private readonly char[] _stem = new char[256];

    /// <summary>Creates a builder; pass a shared <paramref name="hasher"/> to avoid re-deriving the permutations.</summary>
    public FingerprintBuilder(FingerprintOptions? options = null, MinHasher? hasher = null)
    {
        _options = options ?? FingerprintOptions.Default;
        _hasher = hasher ?? new MinHasher(_options.Permutations, _options.Seed);
        if (_hasher.Permutations != _options.Permutations || _hasher.Seed != _options.Seed)
            throw new ArgumentException("The MinHasher does not match the options.", nameof(hasher));
    }

    /// <summary>The options in use.</summary>
    public FingerprintOptions Options => _options;

    /// <summary>The MinHash functions in use.</summary>
    public MinHasher Hasher => _hasher;

    /// <summary>Fingerprints one article.</summary>
    public ArticleFingerprint Build(string title, string text) => Sign(Analyze(title, text));

    /// <summary>Computes both MinHash signatures of analysed features.</summary>
    public ArticleFingerprint Sign(ArticleFeatures features, SimdPath path = SimdPath.Auto)
    {
        var story = _hasher.Compute(features.StoryElements, path);
        var copy = _hasher.Compute(features.CopyShingles, path);
        return new ArticleFingerprint(_options.Seed, story, copy, features.TermIds, features.TermWeights, features.WordCount);
    }

    /// <summary>The tokenising stage: everything except MinHash.</summary>
    /// <param name="title">The headline.</param>
    /// <param name="text">The body, paragraphs separated by line breaks.</param>
    /// <param name="keepTermTexts">Also return the text of each term (for explanations).</param>
    public ArticleFeatures Analyze(string title, string text, bool keepTermTexts = false)
    {
        _tf.Clear();
        _wordHashes.Clear();
        var texts = keepTermTexts ? new Dictionary<uint, string>() : null;

        _tokens.Clear();
        Tokenizer.Tokenize(title, _tokens);
        AddTerms(1f, int.MaxValue, null, texts, out _, TitleSalt, _options.TitleWeight);

        var leadLeft = _options.LeadTerms;
        var paragraphs = ArticleText.BodyParagraphs(title, text);
        foreach (var paragraph in paragraphs)
        {
            _tokens.Clear();
            Tokenizer.Tokenize(paragraph, _tokens);
            AddTerms(_options.LeadWeight, leadLeft, _wordHashes, texts, out var used, 0, 0f);
            leadLeft = Math.Max(0, leadLeft - used);
        }
        if (_wordHashes.Count == 0)
        {
            // No body: the title is all there is to shingle.
            _tokens.Clear();
            Tokenizer.Tokenize(title, _tokens);
            for (var i = 0; i < _tokens.Count; i++) _wordHashes.Add(StableHash.HashToken(_tokens[i]));
        }

        var shingles = Shingle(_wordHashes, _options.ShingleSize);

        // Rank terms by weight, heaviest first, ties by id, so the choice is deterministic. The weights are positive
        // floats, whose IEEE bits order like their values, so one primitive sort of packed keys does it:
        // key = (2³² − 1 − bits(weight)) · 2³² + id.
        var ranked = new ulong[_tf.Count];
        var j = 0;
        foreach (var (id, tf) in _tf)
            ranked[j++] = ((ulong)(uint.MaxValue - BitConverter.SingleToUInt32Bits(1f + MathF.Log(tf))) << 32) | id;
        Array.Sort(ranked);

        // The story-tier candidate set: the salient terms (title words and the heaviest body terms).
        var salient = Math.Min(_options.CandidateTerms, ranked.Length);
        var elements = new uint[salient];
        for (var i = 0; i < salient; i++) elements[i] = (uint)ranked[i];
        Array.Sort(elements);

        // The weighted vector keeps the heaviest terms, sorted by id.
        var n = Math.Min(_options.MaxTerms, ranked.Length);
        var ids = new uint[n];
        var weights = new float[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = (uint)ranked[i];
            weights[i] = BitConverter.UInt32BitsToSingle(uint.MaxValue - (uint)(ranked[i] >> 32));
        }
        Array.Sort(ids, weights);
        return new ArticleFeatures(ids, weights, elements, shingles, _wordHashes.Count, texts);
    }

    /// <summary>
    /// Adds the content terms of the current token buffer with <paramref name="weight"/> for the first
    /// <paramref name="boosted"/> content terms and 1 after that; collects every token's hash for shingling.
    /// </summary>
    private void AddTerms(float weight, int boosted, List<ulong>? wordHashes, Dictionary<uint, string>? texts, out int contentCount, ulong channelSalt, float channelWeight)
    {
        ulong previous = 0;
        contentCount = 0;
        var tokens = _tokens.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            var chars = _tokens[i];
            wordHashes?.Add(StableHash.HashToken(chars));
            if (!IsContent(token, chars)) continue;
            ReadOnlySpan<char> term = chars;
            if (token.Kind == TokenKind.Word && chars.Length <= _stem.Length)
            {
                chars.CopyTo(_stem);
                term = _stem.AsSpan(0, EnglishStemmer.Stem(_stem.AsSpan(0, chars.Length)));
            }
            var full = StableHash.HashToken(term);
            var id = StableHash.Fold32(full);
            var w = contentCount < boosted ? weight : 1f;
            contentCount++;
            AddWeight(id, w);
            if (texts is not null) texts.TryAdd(id, term.ToString());
            if (channelWeight > 0)
            {
                var titleId = StableHash.Fold32(StableHash.Mix64(full ^ channelSalt));
                AddWeight(titleId, channelWeight);
                if (texts is not null) texts.TryAdd(titleId, "title:" + term.ToString());
            }
            if (_options.BigramWeight > 0 && previous != 0)
            {
                var bigram = StableHash.Mix64(previous * StableHash.GoldenGamma ^ full);
                var bigramId = StableHash.Fold32(bigram);
                AddWeight(bigramId, w * _options.BigramWeight);
                if (texts is not null) texts.TryAdd(bigramId, "bigram:" + term.ToString());
            }
            previous = full;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void AddWeight(uint id, float w) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_tf, id, out _) += w;

    private const ulong TitleSalt = 0x7469746c65UL; // "title"

    private static bool IsContent(Token token, ReadOnlySpan<char> chars) => token.Kind switch
    {
        TokenKind.Gram => true,
        TokenKind.Number => chars.Length >= 2,
        _ => chars.Length >= 2 && !StopWords.Contains(chars),
    };

    /// <summary>Word n-gram shingle hashes; a text shorter than n words gives one shingle of all its words.</summary>
    internal static uint[] Shingle(List<ulong> words, int n)
    {
        if (words.Count == 0) return [];
        if (words.Count < n) return [StableHash.Fold32(StableHash.Combine(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(words)))];
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(words);
        var shingles = new uint[words.Count - n + 1];
        for (var i = 0; i < shingles.Length; i++) shingles[i] = StableHash.Fold32(StableHash.Combine(span.Slice(i, n)));
        return shingles;
    }
}
