using NewsCluster.Engine.Fingerprints;
using NewsCluster.Engine.MinHash;

namespace NewsCluster.Engine.Clustering;

/// <summary>A term both articles share, with its share of the weighted similarity.</summary>
public sealed record SharedTerm(string Term, double Contribution);

/// <summary>Why two articles are (not) one story.</summary>
/// <param name="EstimatedJaccard">MinHash estimate of the content-term Jaccard (story-tier candidate key).</param>
/// <param name="ExactJaccard">Exact Jaccard of the content-term sets.</param>
/// <param name="EstimatedCopyJaccard">MinHash estimate of the word-shingle Jaccard (copies tier).</param>
/// <param name="ExactCopyJaccard">Exact Jaccard of the word-shingle sets.</param>
/// <param name="WeightedSimilarity">TF-IDF cosine with title and lead weighted up.</param>
/// <param name="StoryCandidateProbability">Probability that the story-tier LSH proposes the pair: 1 − (1 − J^r)^b at the exact Jaccard.</param>
/// <param name="Threshold">The story threshold the cosine is compared with.</param>
/// <param name="CopyThreshold">The copy threshold the shingle estimate is compared with.</param>
/// <param name="Verdict">"copy", "same story" or "different stories".</param>
/// <param name="SharedTerms">Shared terms, heaviest contribution first (at most 25).</param>
public sealed record PairExplanation(
    double EstimatedJaccard, double ExactJaccard, double EstimatedCopyJaccard, double ExactCopyJaccard,
    double WeightedSimilarity, double StoryCandidateProbability, double Threshold, double CopyThreshold, string Verdict,
    IReadOnlyList<SharedTerm> SharedTerms);

/// <summary>Explains the similarity of any two articles with the same features the clusterer uses.</summary>
/// <remarks>For a pair the verdict is pairwise; in a cluster the average linkage over all members decides.</remarks>
public sealed class PairExplainer(ClusteringOptions? options = null)
{
    private readonly ClusteringOptions _options = options ?? new ClusteringOptions();

    /// <summary>
    /// Explains a pair. IDF comes from <paramref name="corpus"/> when given (the stored corpus), otherwise from the
    /// pair alone with the prior.
    /// </summary>
    public PairExplanation Explain(ClusterInput a, ClusterInput b, CorpusStatistics? corpus = null)
    {
        var builder = new FingerprintBuilder(_options.Fingerprint);
        var fa = builder.Analyze(a.Title, a.Text, keepTermTexts: true);
        var fb = builder.Analyze(b.Title, b.Text, keepTermTexts: true);
        var pa = builder.Sign(fa);
        var pb = builder.Sign(fb);
        if (corpus is null)
        {
            corpus = new CorpusStatistics(_options.IdfPriorDocuments);
            corpus.Add(pa);
            corpus.Add(pb);
        }
        var va = corpus.Vectorize(pa);
        var vb = corpus.Vectorize(pb);
        var cosine = va.Dot(vb);

        var shared = new List<SharedTerm>();
        int i = 0, j = 0;
        while (i < va.Ids.Length && j < vb.Ids.Length)
        {
            if (va.Ids[i] == vb.Ids[j])
            {
                var text = fa.TermTexts!.GetValueOrDefault(va.Ids[i]) ?? fb.TermTexts!.GetValueOrDefault(va.Ids[i]) ?? va.Ids[i].ToString("x8");
                shared.Add(new SharedTerm(text, (double)va.Values[i] * vb.Values[j]));
                i++; j++;
            }
            else if (va.Ids[i] < vb.Ids[j]) i++;
            else j++;
        }
        shared.Sort((x, y) => y.Contribution != x.Contribution ? y.Contribution.CompareTo(x.Contribution) : string.CompareOrdinal(x.Term, y.Term));

        var exact = Jaccard(fa.StoryElements, fb.StoryElements);
        var copyEstimate = MinHasher.EstimateJaccard(pa.CopySignature, pb.CopySignature);
        var verdict = copyEstimate >= _options.CopyThreshold ? "copy" : cosine >= _options.StoryThreshold ? "same story" : "different stories";
        return new PairExplanation(
            MinHasher.EstimateJaccard(pa.StorySignature, pb.StorySignature), exact, copyEstimate,
            Jaccard(fa.CopyShingles.Distinct().Order().ToArray(), fb.CopyShingles.Distinct().Order().ToArray()),
            cosine, _options.StoryBanding.CandidateProbability(exact), _options.StoryThreshold, _options.CopyThreshold, verdict,
            shared.Take(25).ToList());
    }

    /// <summary>Exact Jaccard |A ∩ B| / |A ∪ B| of two ascending, distinct id arrays.</summary>
    public static double Jaccard(uint[] a, uint[] b)
    {
        if (a.Length == 0 && b.Length == 0) return 0;
        int i = 0, j = 0, both = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { both++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return (double)both / (a.Length + b.Length - both);
    }
}
