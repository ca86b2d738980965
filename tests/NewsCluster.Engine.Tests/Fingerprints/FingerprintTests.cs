using NewsCluster.Engine.Fingerprints;
using NewsCluster.Engine.MinHash;

namespace NewsCluster.Engine.Tests.Fingerprints;

public sealed class FingerprintTests
{
    [Fact]
    public void The_sublinear_weight_table_gives_exactly_one_plus_the_logarithm()
    {
        var values = Enumerable.Range(0, 600).Select(k => (float)k)
            .Concat(Enumerable.Range(0, 600).Select(k => k / 4f + 0.25f))
            .Concat([1e-3f, 255.5f, 1e6f, 3.3f]);
        foreach (var tf in values)
            BitConverter.SingleToUInt32Bits(FingerprintBuilder.SublinearWeight(tf)).Should().Be(BitConverter.SingleToUInt32Bits(1f + MathF.Log(tf)), "tf = {0}", tf);
    }

    [Fact]
    public void The_story_elements_are_the_heaviest_terms_of_the_vector_ties_to_the_smaller_id_in_id_order()
    {
        var builder = new FingerprintBuilder();
        var articles = Seeds.Load().Take(40).Select(s => (s.Title, s.Text)).Append(("Short", "Only a few words here."));
        foreach (var (title, text) in articles)
        {
            var features = builder.Analyze(title, text);
            var expected = features.TermIds.Zip(features.TermWeights)
                .OrderByDescending(p => p.Second).ThenBy(p => p.First)
                .Take(builder.Options.CandidateTerms).Select(p => p.First).Order();
            features.StoryElements.Should().Equal(expected, "for {0}", title);
        }
    }

    [Fact]
    public void A_fingerprint_survives_a_round_trip_through_bytes()
    {
        var seed = Seeds.Load()[1];
        var fp = new FingerprintBuilder().Build(seed.Title, seed.Text);
        var back = ArticleFingerprint.FromBytes(fp.ToBytes());
        back.StorySignature.Should().Equal(fp.StorySignature);
        back.CopySignature.Should().Equal(fp.CopySignature);
        back.TermIds.Should().Equal(fp.TermIds);
        back.TermWeights.Should().Equal(fp.TermWeights);
        back.WordCount.Should().Be(fp.WordCount);
        back.Seed.Should().Be(fp.Seed);
    }

    [Fact]
    public void Corrupt_bytes_are_refused()
    {
        var bytes = new FingerprintBuilder().Build("t", "some words here and there").ToBytes();
        FluentActions.Invoking(() => ArticleFingerprint.FromBytes(bytes.AsSpan(0, bytes.Length - 1))).Should().Throw<FormatException>();
        bytes[0] ^= 0xff;
        FluentActions.Invoking(() => ArticleFingerprint.FromBytes(bytes)).Should().Throw<FormatException>();
    }

    [Fact]
    public void A_fingerprint_depends_only_on_its_article()
    {
        var seeds = Seeds.Load();
        var alone = new FingerprintBuilder().Build(seeds[2].Title, seeds[2].Text);
        var builder = new FingerprintBuilder();
        builder.Build(seeds[0].Title, seeds[0].Text);
        builder.Build(seeds[4].Title, seeds[4].Text);
        builder.Build(seeds[2].Title, seeds[2].Text).ToBytes().Should().Equal(alone.ToBytes());
    }

    [Fact]
    public void Copies_have_high_shingle_similarity_and_rewrites_almost_none()
    {
        var seeds = Seeds.Load();
        var builder = new FingerprintBuilder();
        var original = builder.Build(seeds[1].Title, seeds[1].Text);
        var copy = builder.Build(seeds[1].Title, seeds[1].Text + "\nRead more stories like this one on our website every single day of the week.");
        var rewrite = builder.Build(seeds[2].Title, seeds[2].Text);
        MinHasher.EstimateJaccard(original.CopySignature, copy.CopySignature).Should().BeGreaterThan(0.8);
        MinHasher.EstimateJaccard(original.CopySignature, rewrite.CopySignature).Should().BeLessThan(0.1);
        MinHasher.EstimateJaccard(original.StorySignature, rewrite.StorySignature).Should().BeGreaterThan(0.05);
    }
}
