using System.Runtime.Intrinsics;
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
    private readonly TermWeights _tf = new();
    private ulong[] _wordHashes = new ulong[1024];
    private int _wordCount;
    private ulong[] _ranked = new ulong[1024];
    /// <summary>Scratch of the salient ids (<see cref="Analyze"/>): the first <see cref="_salientCount"/> are the story elements.</summary>
    private uint[] _salientIds = new uint[64];
    private int _salientCount;
    /// <summary>Scratch of the shingles: the first <see cref="_shingleCount"/>.</summary>
    private uint[] _shingles = new uint[1024];
    private int _shingleCount;
    /// <summary>The term additions of one paragraph, in order (<see cref="AddBodyTokens"/>).</summary>
    private uint[] _addedIds = new uint[1024];
    private float[] _addedWeights = new float[1024];
    private readonly List<Range> _keptLines = new();
    private readonly List<Range> _fallbackLines = new();
    private readonly HashSet<ulong> _seenLines = new();
    private readonly List<ScannedLine> _scannedLines = new();

    /// <summary>Words longer than this are not stemmed (the bound of the former stemming buffer; it is part of the output).</summary>
    private const int MaxStemmedLength = 256;

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
    /// <remarks>The story elements and shingles only feed MinHash here, so they stay in this builder's scratch.</remarks>
    public ArticleFingerprint Build(string title, string text)
    {
        var (ids, weights) = AnalyzeInto(title, text, null);
        return Sign(ids, weights, _salientIds.AsSpan(0, _salientCount), _shingles.AsSpan(0, _shingleCount), _wordCount, SimdPath.Auto);
    }

    /// <summary>Computes both MinHash signatures of analysed features.</summary>
    public ArticleFingerprint Sign(ArticleFeatures features, SimdPath path = SimdPath.Auto) =>
        Sign(features.TermIds, features.TermWeights, features.StoryElements, features.CopyShingles, features.WordCount, path);

    private ArticleFingerprint Sign(uint[] ids, float[] weights, ReadOnlySpan<uint> storyElements, ReadOnlySpan<uint> copyShingles, int wordCount, SimdPath path)
    {
        var story = LongLived<uint>(_hasher.Permutations);
        var copy = LongLived<uint>(_hasher.Permutations);
        _hasher.Compute(storyElements, story, path);
        _hasher.Compute(copyShingles, copy, path);
        return new ArticleFingerprint(_options.Seed, story, copy, ids, weights, wordCount);
    }

    /// <summary>The tokenising stage: everything except MinHash.</summary>
    /// <param name="title">The headline.</param>
    /// <param name="text">The body, paragraphs separated by line breaks.</param>
    /// <param name="keepTermTexts">Also return the text of each term (for explanations).</param>
    public ArticleFeatures Analyze(string title, string text, bool keepTermTexts = false)
    {
        var texts = keepTermTexts ? new Dictionary<uint, string>() : null;
        var (ids, weights) = AnalyzeInto(title, text, texts);
        return new ArticleFeatures(ids, weights, _salientIds.AsSpan(0, _salientCount).ToArray(), _shingles.AsSpan(0, _shingleCount).ToArray(), _wordCount, texts);
    }

    /// <summary>
    /// <see cref="Analyze"/> into this builder's scratch: returns the term vector; the story elements are left in
    /// <see cref="_salientIds"/> (<see cref="_salientCount"/>), the shingles in <see cref="_shingles"/> (<see cref="_shingleCount"/>).
    /// </summary>
    private (uint[] Ids, float[] Weights) AnalyzeInto(string title, string text, Dictionary<uint, string>? texts)
    {
        _tf.Clear();
        _wordCount = 0;

        var titlePass = new TermPass(1f, int.MaxValue, collectWords: false, texts, TitleSalt, _options.TitleWeight);
        _tokens.Clear();
        Tokenize(title);
        AddTokens(0, _tokens.Count, ref titlePass);

        // Every line is tokenised while its duplicate key is computed (one pass over the characters); the chosen
        // paragraphs then take their tokens from the buffer.
        _tokens.Clear();
        _scannedLines.Clear();
        var scan = new BodyScan(this);
        var paragraphs = ArticleText.BodyParagraphRanges(title, text, _keptLines, _fallbackLines, _seenLines, ref scan);
        var leadLeft = _options.LeadTerms;
        var line = 0;
        foreach (var paragraph in paragraphs)
        {
            // The chosen paragraphs are scanned lines, in the same order.
            while (_scannedLines[line].Start != paragraph.Start.Value) line++;
            var bodyPass = new TermPass(_options.LeadWeight, leadLeft, collectWords: true, texts, 0, 0f);
            AddTokens(_scannedLines[line].FirstToken, _scannedLines[line].EndToken, ref bodyPass);
            leadLeft = Math.Max(0, leadLeft - bodyPass.ContentCount);
        }
        if (_wordCount == 0)
        {
            // No body: the title is all there is to shingle.
            _tokens.Clear();
            Tokenizer.Tokenize(title, _tokens);
            for (var i = 0; i < _tokens.Count; i++) AddWordHash(StableHash.HashToken(_tokens[i]));
        }

        var words = _wordHashes.AsSpan(0, _wordCount);
        _shingleCount = ShingleCount(words.Length, _options.ShingleSize);
        if (_shingles.Length < _shingleCount) _shingles = new uint[Math.Max(_shingleCount, _shingles.Length * 2)];
        WriteShingles(words, _options.ShingleSize, _shingles);

        // Rank terms by weight, heaviest first, ties by id, so the choice is deterministic. The weights are positive
        // floats, whose IEEE bits order like their values, so packed keys order them:
        // key = (2³² − 1 − bits(weight)) · 2³² + id. Keys are unique (one per id), so the k smallest keys are one
        // well-defined set: a selection finds them without sorting the whole vocabulary.
        var count = _tf.Count;
        if (_ranked.Length < count) _ranked = new ulong[Math.Max(count, _ranked.Length * 2)];
        var ranked = _ranked.AsSpan(0, count);
        var j = 0;
        for (var t = 0; t < count; t++)
        {
            var (id, tf) = _tf.At(t);
            ranked[j++] = ((ulong)(uint.MaxValue - BitConverter.SingleToUInt32Bits(SublinearWeight(tf))) << 32) | id;
        }

        // The weighted vector keeps the heaviest terms; the story-tier candidate set (the salient terms: title words
        // and the heaviest body terms) is the heaviest of those.
        var n = Math.Min(_options.MaxTerms, count);
        var salient = Math.Min(Math.Min(_options.CandidateTerms, count), n);
        Selection.SmallestFirst(ranked, n);
        Selection.SmallestFirst(ranked[..n], salient);
        // The salient terms are those whose key is at most the largest of the first `salient` keys.
        var salientBound = 0UL;
        foreach (var key in ranked[..salient]) salientBound = Math.Max(salientBound, key);

        // Sorted by id: repack as id · 2³² + bits(weight) (ids are unique, so this orders by id alone).
        var byId = ranked[..n];
        for (var i = 0; i < n; i++)
            byId[i] = ((ulong)(uint)byId[i] << 32) | (uint.MaxValue - (uint)(byId[i] >> 32));
        Selection.SortHashLed(byId);
        var ids = LongLived<uint>(n);
        var weights = LongLived<float>(n);
        // The salient terms in id order come out of the same walk, so they need no sort of their own: each id is
        // written, and the count advances only for a salient one (an unpredictable test), so the scratch has a
        // spare slot for the writes after the last.
        if (_salientIds.Length <= salient) _salientIds = new uint[salient + 1];
        var salientIds = _salientIds;
        var salientFound = 0;
        for (var i = 0; i < n; i++)
        {
            var id = (uint)(byId[i] >> 32);
            var weightBits = (uint)byId[i];
            ids[i] = id;
            weights[i] = BitConverter.UInt32BitsToSingle(weightBits);
            var rankKey = ((ulong)(uint.MaxValue - weightBits) << 32) | id;
            salientIds[salientFound] = id;
            salientFound += rankKey <= salientBound ? 1 : 0;
        }
        _salientCount = salient;
        return (ids, weights);
    }

    /// <summary>
    /// The state of adding one run of text (the title, or one paragraph): the first <see cref="Boosted"/> content terms
    /// get <see cref="Weight"/>, later ones 1; bigrams join adjacent content terms of the run.
    /// </summary>
    private struct TermPass(float weight, int boosted, bool collectWords, Dictionary<uint, string>? texts, ulong channelSalt, float channelWeight)
    {
        public readonly float Weight = weight;
        public readonly int Boosted = boosted;
        /// <summary>Whether every token's hash joins the shingled words (body text).</summary>
        public readonly bool CollectWords = collectWords;
        public readonly Dictionary<uint, string>? Texts = texts;
        public readonly ulong ChannelSalt = channelSalt;
        /// <summary>Weight of each term's copy in its own channel (the title's), or 0 for none.</summary>
        public readonly float ChannelWeight = channelWeight;
        /// <summary>Content terms added so far.</summary>
        public int ContentCount;
        /// <summary>The hash of the previous content term, or 0 at the start.</summary>
        public ulong Previous;
    }

    /// <summary>The tokens <see cref="ScanLine"/> appended for the line at offset <see cref="Start"/> of the body.</summary>
    private readonly record struct ScannedLine(int Start, int FirstToken, int EndToken);

    /// <summary>Lets <see cref="ArticleText"/> ask this builder for line keys, so that each line is tokenised in the same pass.</summary>
    private readonly struct BodyScan(FingerprintBuilder builder) : ArticleText.ILineKeys
    {
        public ulong KeyOf(ReadOnlySpan<char> line, int lineStart) => builder.ScanLine(line, lineStart);
    }

    /// <summary>
    /// Appends the tokens of one body line (with their hashes) to the token buffer and returns the line's
    /// <see cref="ArticleText.LineKey"/>: from the same pass for ASCII-tokenisable lines, separately otherwise.
    /// </summary>
    private ulong ScanLine(ReadOnlySpan<char> line, int lineStart)
    {
        var first = _tokens.Count;
        var key = Tokenize(line);
        _scannedLines.Add(new ScannedLine(lineStart, first, _tokens.Count));
        return key;
    }

    /// <summary>Appends the tokens of <paramref name="text"/> and their hashes to the token buffer; returns its line key.</summary>
    private ulong Tokenize(ReadOnlySpan<char> text)
    {
        if (Tokenizer.IsAsciiTokenisable(text)) return Tokenizer.TokenizeAscii(text, _tokens);
        var first = _tokens.Count;
        Tokenizer.Tokenize(text, _tokens);
        var hashes = _tokens.Hashes;
        for (var t = first; t < hashes.Length; t++) hashes[t] = StableHash.HashToken(_tokens[t]);
        return ArticleText.LineKey(text);
    }

    /// <summary>Adds the tokens [<paramref name="first"/>, <paramref name="end"/>) of the token buffer.</summary>
    private void AddTokens(int first, int end, ref TermPass pass)
    {
        if (pass.CollectWords && pass.Texts is null && pass.ChannelWeight == 0)
        {
            AddBodyTokens(first, end, ref pass);
            return;
        }
        var tokens = _tokens.Tokens;
        var hashes = _tokens.Hashes;
        for (var t = first; t < end; t++) AddToken(ref pass, tokens[t], hashes[t]);
    }

    /// <summary>
    /// <see cref="AddTokens"/> for a body paragraph without term texts, nearly all the work: the same steps as
    /// <see cref="AddToken"/> without the title channel and the texts, in one loop with every step inlined and the
    /// pass state in locals. The term weights are gathered and added to the table afterwards in one go
    /// (<see cref="TermWeights.AddAll"/>), in the same order, so that neither loop carries the other's state.
    /// </summary>
    private void AddBodyTokens(int first, int end, ref TermPass pass)
    {
        var (charStorage, tokenStorage, hashStorage) = _tokens.Storage;
        var tokens = tokenStorage.AsSpan(first, end - first);
        var hashes = hashStorage.AsSpan(first, end - first);
        // Every token joins the shingled words and adds at most a term and a bigram: make room once, then write
        // without a capacity test per token.
        if (_wordHashes.Length - _wordCount < tokens.Length)
            Array.Resize(ref _wordHashes, Math.Max(_wordCount + tokens.Length, _wordHashes.Length * 2));
        if (_addedIds.Length < 2 * tokens.Length)
        {
            _addedIds = new uint[2 * tokens.Length];
            _addedWeights = new float[2 * tokens.Length];
        }
        var words = _wordHashes.AsSpan(_wordCount, tokens.Length);
        var addedIds = _addedIds;
        var addedWeights = _addedWeights;
        var added = 0;
        var bigramWeight = _options.BigramWeight;
        var weight = pass.Weight;
        var boosted = pass.Boosted;
        var contentCount = pass.ContentCount;
        var previous = pass.Previous;
        // The three spans have one length; testing each lets the JIT drop their bounds checks.
        for (var t = 0; t < tokens.Length && t < hashes.Length && t < words.Length; t++)
        {
            var raw = hashes[t];
            words[t] = raw;
            var token = tokens[t];
            var full = raw;
            if (token.Kind != TokenKind.Gram)
            {
                // IsContent: numbers and words of two characters or more, words other than stop words.
                if (token.Length < 2) continue;
                if (token.Kind == TokenKind.Word)
                {
                    var chars = charStorage.AsSpan(token.Start, token.Length);
                    if (StopWords.Contains(chars, raw)) continue;
                    if (chars.Length <= MaxStemmedLength && EnglishStemmer.MayStem(chars))
                    {
                        var stemmed = EnglishStemmer.Stem(chars);
                        // The stemmer only ever shortens a word, so an unchanged length means an unchanged word and hash.
                        if (stemmed != chars.Length) full = StableHash.HashToken(chars[..stemmed]);
                    }
                }
            }
            var w = contentCount < boosted ? weight : 1f;
            contentCount++;
            // At most two additions per token, and there is room for two per token.
            addedIds[added] = StableHash.Fold32(full);
            addedWeights[added++] = w;
            if (bigramWeight > 0 && previous != 0)
            {
                addedIds[added] = StableHash.Fold32(BigramHash(previous, full));
                addedWeights[added++] = w * bigramWeight;
            }
            previous = full;
        }
        _tf.AddAll(addedIds.AsSpan(0, added), addedWeights.AsSpan(0, added));
        _wordCount += tokens.Length;
        pass.ContentCount = contentCount;
        pass.Previous = previous;
    }

    /// <summary>
    /// Adds one token: its hash <paramref name="raw"/> to the shingled words when the pass collects them, and when it
    /// is a content token its term, its channel copy and its bigram (with their texts when the pass keeps them).
    /// </summary>
    private void AddToken(ref TermPass pass, Token token, ulong raw)
    {
        if (pass.CollectWords) AddWordHash(raw);
        if (!IsContentTerm(token, raw, out var full, out var length)) return;
        var id = StableHash.Fold32(full);
        var w = pass.ContentCount < pass.Boosted ? pass.Weight : 1f;
        pass.ContentCount++;
        var texts = pass.Texts;
        var term = texts is null ? null : _tokens.Chars.Slice(token.Start, length).ToString();
        _tf.Add(id, w);
        if (texts is not null) texts.TryAdd(id, term!);
        if (pass.ChannelWeight > 0)
        {
            var channelId = StableHash.Fold32(StableHash.Mix64(full ^ pass.ChannelSalt));
            _tf.Add(channelId, pass.ChannelWeight);
            if (texts is not null) texts.TryAdd(channelId, "title:" + term);
        }
        if (_options.BigramWeight > 0 && pass.Previous != 0)
        {
            var bigramId = StableHash.Fold32(BigramHash(pass.Previous, full));
            _tf.Add(bigramId, w * _options.BigramWeight);
            if (texts is not null) texts.TryAdd(bigramId, "bigram:" + term);
        }
        pass.Previous = full;
    }

    /// <summary>
    /// An array for a part of a fingerprint. Fingerprints outlive every young-generation collection (a batch keeps
    /// 20,000 of them until it clusters, the web app's index keeps them all), so they are put straight on the pinned
    /// heap, which those collections never copy: a 20,000-article run spent half its GC pauses copying them there.
    /// </summary>
    private static T[] LongLived<T>(int length) => GC.AllocateUninitializedArray<T>(length, pinned: true);

    /// <summary>The hash of the bigram of two adjacent content terms (order matters).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong BigramHash(ulong previous, ulong full) => StableHash.Mix64(previous * StableHash.GoldenGamma ^ full);

    /// <summary>
    /// Whether the token with hash <paramref name="raw"/> is a content token; if so, its term: a word is stemmed in
    /// place in the token buffer, <paramref name="full"/> is the term's hash and <paramref name="length"/> its length.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool IsContentTerm(Token token, ulong raw, out ulong full, out int length)
    {
        var chars = _tokens.Writable(token.Start, token.Length);
        full = raw;
        length = chars.Length;
        if (!IsContent(token.Kind, chars, raw)) return false;
        if (token.Kind == TokenKind.Word && chars.Length <= MaxStemmedLength && EnglishStemmer.MayStem(chars))
        {
            var stemmed = EnglishStemmer.Stem(chars);
            // The stemmer only ever shortens a word, so an unchanged length means an unchanged word and hash.
            if (stemmed != chars.Length)
            {
                length = stemmed;
                full = StableHash.HashToken(chars[..stemmed]);
            }
        }
        return true;
    }

    private void AddWordHash(ulong hash)
    {
        if (_wordCount == _wordHashes.Length) Array.Resize(ref _wordHashes, _wordHashes.Length * 2);
        _wordHashes[_wordCount++] = hash;
    }

    private const ulong TitleSalt = 0x7469746c65UL; // "title"

    private static bool IsContent(TokenKind kind, ReadOnlySpan<char> chars, ulong hash) => kind switch
    {
        TokenKind.Gram => true,
        TokenKind.Number => chars.Length >= 2,
        _ => chars.Length >= 2 && !StopWords.Contains(chars, hash),
    };

    /// <summary>1 + ln(k) for the whole numbers k below 256, computed by the same <see cref="MathF.Log(float)"/>.</summary>
    private static readonly float[] WholeSublinearWeights = Enumerable.Range(0, 256).Select(k => 1f + MathF.Log(k)).ToArray();

    /// <summary>
    /// The raw weight 1 + ln(tf). With the default weights (1, 2, 10) every tf is a whole number, so a table of the
    /// same values saves a logarithm per term; other values take the logarithm.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static float SublinearWeight(float tf)
    {
        var whole = (int)tf;
        var table = WholeSublinearWeights;
        return whole == tf && (uint)whole < (uint)table.Length ? table[whole] : 1f + MathF.Log(tf);
    }

    /// <summary>Word n-gram shingle hashes; a text shorter than n words gives one shingle of all its words.</summary>
    internal static uint[] Shingle(ReadOnlySpan<ulong> words, int n)
    {
        var shingles = new uint[ShingleCount(words.Length, n)];
        WriteShingles(words, n, shingles);
        return shingles;
    }

    /// <summary>How many shingles <see cref="Shingle"/> gives for <paramref name="words"/> words.</summary>
    private static int ShingleCount(int words, int n) => words == 0 ? 0 : Math.Max(1, words - n + 1);

    /// <summary><see cref="Shingle"/> into <paramref name="shingles"/> (at least <see cref="ShingleCount"/> long).</summary>
    private static void WriteShingles(ReadOnlySpan<ulong> words, int n, Span<uint> shingles)
    {
        if (words.Length == 0) return;
        if (words.Length < n)
        {
            shingles[0] = StableHash.Fold32(StableHash.Combine(words));
            return;
        }
        shingles = shingles[..(words.Length - n + 1)];
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four neighbouring shingles at once, lane by lane the same arithmetic as StableHash.Combine and Fold32:
            // the per-shingle chains of multiplications are independent, so vectors run them side by side.
            for (; i + Vector256<ulong>.Count <= shingles.Length; i += Vector256<ulong>.Count)
            {
                var h = Vector256.Create(StableHash.CombineStart);
                for (var j = 0; j < n; j++) h = StableHash.Mix64Lanes(h ^ Vector256.Create(words.Slice(i + j, Vector256<ulong>.Count))) + Vector256.Create(StableHash.GoldenGamma);
                var folded = Vector256.Narrow((h ^ Vector256.ShiftRightLogical(h, 32)).AsUInt64(), Vector256<ulong>.Zero);
                folded.GetLower().CopyTo(shingles[i..]);
            }
        }
        for (; i < shingles.Length; i++) shingles[i] = StableHash.Fold32(StableHash.Combine(words.Slice(i, n)));
    }

}
