namespace NewsCluster.Engine.Fingerprints;

/// <summary>
/// How articles are turned into fingerprints. Fingerprints are comparable only when built with equal options;
/// <see cref="ArticleFingerprint.ToBytes"/> records the permutation count and seed so a mismatch is detected.
/// </summary>
public sealed record FingerprintOptions
{
    /// <summary>MinHash permutations per signature (k); a multiple of 16. Default 128.</summary>
    public int Permutations { get; init; } = 128;

    /// <summary>Seed of the MinHash permutations.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Words per shingle of the copies tier. Default 5 (word 5-grams).</summary>
    public int ShingleSize { get; init; } = 5;

    /// <summary>
    /// Term-frequency weight of a title word in its own "title" channel (title terms get separate ids besides their
    /// ordinary ones, so that headline matching headline counts on its own): the title says what the story is.
    /// Default 10.
    /// </summary>
    public float TitleWeight { get; init; } = 10f;

    /// <summary>Term-frequency weight of a word in the lead (the first <see cref="LeadTerms"/> content words). Default 2.</summary>
    public float LeadWeight { get; init; } = 2f;

    /// <summary>Weight of adjacent content-word pairs ("direct talks") relative to their words; 0 turns them off. Default 1.</summary>
    public float BigramWeight { get; init; } = 1f;

    /// <summary>How many content words of the body count as the lead. Default 60.</summary>
    public int LeadTerms { get; init; } = 60;

    /// <summary>
    /// How many of the heaviest terms (title-channel terms first, then by weighted tf: names, numbers and the story's
    /// own words) form the story-tier candidate set that is MinHashed for LSH. A salient set makes rewrites overlap
    /// far more than whole vocabularies do, and unrelated articles on the same topic less. Default 32.
    /// </summary>
    public int CandidateTerms { get; init; } = 32;

    /// <summary>How many of the heaviest terms the weighted vector keeps. Default 160.</summary>
    public int MaxTerms { get; init; } = 160;

    /// <summary>The defaults.</summary>
    public static FingerprintOptions Default { get; } = new();
}
