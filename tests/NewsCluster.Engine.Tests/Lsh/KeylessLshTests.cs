using NewsCluster.Engine.Hashing;
using NewsCluster.Engine.Lsh;
using NewsCluster.Engine.MinHash;

namespace NewsCluster.Engine.Tests.Lsh;

/// <summary>An LSH index that keeps no band keys per item and removes items by their signature.</summary>
public sealed class KeylessLshTests
{
    private static uint[] Signature(MinHasher hasher, int from, int to) =>
        hasher.Compute(Enumerable.Range(from, to - from).Select(i => StableHash.Fold32(StableHash.Mix64((ulong)i + 1))).ToArray());

    [Fact]
    public void Insert_query_and_remove_by_signature_behave_like_the_keyed_index()
    {
        var hasher = new MinHasher();
        var keyed = new LshIndex(LshParameters.Optimal(0.5));
        var keyless = new LshIndex(LshParameters.Optimal(0.5), keepKeys: false);
        var signatures = Enumerable.Range(0, 30).Select(i => Signature(hasher, i * 20, i * 20 + 100)).ToArray();
        for (var i = 0; i < signatures.Length; i++)
        {
            keyed.Insert(i, signatures[i]);
            keyless.Insert(i, signatures[i]);
        }
        for (var i = 0; i < signatures.Length; i += 3)
        {
            keyed.Remove(i).Should().BeTrue();
            keyless.Remove(i, signatures[i]).Should().BeTrue();
            keyless.Remove(i, signatures[i]).Should().BeFalse();
        }
        keyless.Count.Should().Be(keyed.Count);
        keyless.Contains(0).Should().BeFalse();
        keyless.Contains(1).Should().BeTrue();
        foreach (var s in signatures) keyless.Query(s).Should().Equal(keyed.Query(s));
    }

    [Fact]
    public void A_keyless_index_refuses_what_needs_the_keys()
    {
        var hasher = new MinHasher();
        var index = new LshIndex(LshParameters.Optimal(0.5), keepKeys: false);
        var sig = Signature(hasher, 0, 100);
        index.Insert(1, sig);
        index.Invoking(i => i.Remove(1)).Should().Throw<InvalidOperationException>();
        index.Invoking(i => i.Insert(1, sig)).Should().Throw<InvalidOperationException>();
        index.Remove(1, sig).Should().BeTrue();
        index.Count.Should().Be(0);
        index.Query(sig).Should().BeEmpty();
    }
}
