using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using NewsCluster.Engine.Hashing;

namespace NewsCluster.Engine.MinHash;

/// <summary>Which instruction path <see cref="MinHasher"/> uses; all give bit-identical signatures.</summary>
public enum SimdPath
{
    /// <summary>Pick the widest accelerated path the CPU has.</summary>
    Auto,
    /// <summary>One lane at a time: the reference.</summary>
    Scalar,
    /// <summary>Eight 32-bit lanes (AVX2).</summary>
    Vector256,
    /// <summary>Sixteen 32-bit lanes (AVX-512).</summary>
    Vector512,
}

/// <summary>
/// MinHash signatures (Broder, "On the resemblance and containment of documents", 1997; Leskovec, Rajaraman &amp;
/// Ullman, <i>Mining of Massive Datasets</i>, §3.3): for a set S of element hashes and k hash functions
/// h_1..h_k, the signature is sig[i] = min over x in S of h_i(x), and Pr[sig_A[i] = sig_B[i]] = J(A, B), the Jaccard
/// similarity, so the fraction of equal slots is an unbiased estimate of J with standard error sqrt(J(1-J)/k).
/// </summary>
/// <remarks>
/// <para>Each h_i is <c>h_i(x) = Mix32((x XOR s_i) · a_i)</c> over 32-bit words, with odd multipliers a_i and
/// seeds s_i drawn from <see cref="SplitMix64"/>(seed), and Mix32 = <c>y ^ (y &gt;&gt; 16)</c> followed by a multiply by
/// an odd constant: every step is a bijection on 32-bit words, so each h_i is a permutation of the element space
/// (the "random permutation" of MMDS §3.3.2). The input element hashes should already be well mixed (use
/// <see cref="StableHash.Fold32"/> of a <see cref="StableHash.Mix64"/> output).</para>
/// <para>The hot loop keeps the whole signature in registers (128 slots = 8 × Vector512 or 16 × Vector256) and
/// broadcasts one element at a time: no allocation, no per-element branch. The scalar path performs the same
/// 32-bit arithmetic lane by lane and therefore yields identical signatures.</para>
/// <para>Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed class MinHasher
{
    private const uint FinalMultiplier = 0x846ca68bU;
    private readonly uint[] _xorSeeds;
    private readonly uint[] _multipliers;

    /// <summary>Creates the k = <paramref name="permutations"/> hash functions from <paramref name="seed"/>.</summary>
    /// <param name="permutations">Number of hash functions; a positive multiple of 16.</param>
    /// <param name="seed">Seed of the permutation parameters; signatures are comparable only for equal seeds.</param>
    public MinHasher(int permutations = 128, ulong seed = 1)
    {
        if (permutations <= 0 || permutations % 16 != 0)
            throw new ArgumentOutOfRangeException(nameof(permutations), "Use a positive multiple of 16.");
        Permutations = permutations;
        Seed = seed;
        _xorSeeds = new uint[permutations];
        _multipliers = new uint[permutations];
        var rng = new SplitMix64(seed);
        for (var i = 0; i < permutations; i++)
        {
            _xorSeeds[i] = (uint)rng.Next();
            _multipliers[i] = (uint)rng.Next() | 1u;
        }
    }

    /// <summary>Signature length k.</summary>
    public int Permutations { get; }

    /// <summary>The seed the permutations were drawn from.</summary>
    public ulong Seed { get; }

    /// <summary>The path <see cref="SimdPath.Auto"/> resolves to on this CPU.</summary>
    public static SimdPath BestPath =>
        Vector512.IsHardwareAccelerated ? SimdPath.Vector512 :
        Vector256.IsHardwareAccelerated ? SimdPath.Vector256 : SimdPath.Scalar;

    /// <summary>Computes a new signature of the element hashes.</summary>
    public uint[] Compute(ReadOnlySpan<uint> elements, SimdPath path = SimdPath.Auto)
    {
        var signature = new uint[Permutations];
        Compute(elements, signature, path);
        return signature;
    }

    /// <summary>
    /// Writes the signature of <paramref name="elements"/> into <paramref name="signature"/>. An empty set gives
    /// all slots <see cref="uint.MaxValue"/>.
    /// </summary>
    public void Compute(ReadOnlySpan<uint> elements, Span<uint> signature, SimdPath path = SimdPath.Auto)
    {
        if (signature.Length != Permutations) throw new ArgumentException($"Signature must have {Permutations} slots.", nameof(signature));
        if (path == SimdPath.Auto) path = BestPath;
        switch (path)
        {
            case SimdPath.Vector512 when Vector512.IsHardwareAccelerated:
                if (Permutations == 128) Compute512x128(elements, signature); else Compute512(elements, signature);
                break;
            case SimdPath.Vector256 when Vector256.IsHardwareAccelerated:
                Compute256(elements, signature);
                break;
            case SimdPath.Scalar:
                ComputeScalar(elements, signature);
                break;
            default:
                throw new PlatformNotSupportedException($"{path} is not accelerated on this CPU.");
        }
    }

    /// <summary>The fraction of equal slots: the MinHash estimate of the Jaccard similarity (MMDS §3.3.3).</summary>
    public static double EstimateJaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("Signatures differ in length.");
        if (a.Length == 0) return 0;
        var equal = 0;
        var i = 0;
        if (Vector512.IsHardwareAccelerated && a.Length >= Vector512<uint>.Count)
        {
            // Equal lanes are all ones (−1), so subtracting the comparisons counts them per lane; one sum at the end.
            var counts = Vector512<uint>.Zero;
            for (; i + Vector512<uint>.Count <= a.Length; i += Vector512<uint>.Count)
                counts -= Vector512.Equals(Vector512.Create(a.Slice(i, Vector512<uint>.Count)), Vector512.Create(b.Slice(i, Vector512<uint>.Count)));
            equal = (int)Vector512.Sum(counts);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<uint>.Count <= a.Length; i += Vector256<uint>.Count)
            {
                var eq = Vector256.Equals(Vector256.Create(a.Slice(i, 8)), Vector256.Create(b.Slice(i, 8)));
                equal += System.Numerics.BitOperations.PopCount(eq.ExtractMostSignificantBits());
            }
        }
        for (; i < a.Length; i++) if (a[i] == b[i]) equal++;
        return (double)equal / a.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Permute(uint x, uint xorSeed, uint multiplier)
    {
        var y = (x ^ xorSeed) * multiplier;
        y ^= y >> 16;
        return y * FinalMultiplier;
    }

    internal void ComputeScalar(ReadOnlySpan<uint> elements, Span<uint> signature)
    {
        signature.Fill(uint.MaxValue);
        var seeds = _xorSeeds;
        var mults = _multipliers;
        foreach (var x in elements)
        {
            for (var i = 0; i < signature.Length; i++)
            {
                var h = Permute(x, seeds[i], mults[i]);
                if (h < signature[i]) signature[i] = h;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Step(Vector512<uint> acc, Vector512<uint> x, Vector512<uint> s, Vector512<uint> m, Vector512<uint> f)
    {
        var y = (x ^ s) * m;
        y ^= Vector512.ShiftRightLogical(y, 16);
        return Vector512.Min(acc, y * f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Step(Vector256<uint> acc, Vector256<uint> x, Vector256<uint> s, Vector256<uint> m, Vector256<uint> f)
    {
        var y = (x ^ s) * m;
        y ^= Vector256.ShiftRightLogical(y, 16);
        return Vector256.Min(acc, y * f);
    }

    /// <summary>The 128-slot kernel: sixteen accumulators and parameters stay in the 32 ZMM registers.</summary>
    private void Compute512x128(ReadOnlySpan<uint> elements, Span<uint> signature)
    {
        ReadOnlySpan<uint> s = _xorSeeds, m = _multipliers;
        var f = Vector512.Create(FinalMultiplier);
        Vector512<uint> s0 = Vector512.Create(s[..16]), s1 = Vector512.Create(s[16..32]), s2 = Vector512.Create(s[32..48]), s3 = Vector512.Create(s[48..64]);
        Vector512<uint> s4 = Vector512.Create(s[64..80]), s5 = Vector512.Create(s[80..96]), s6 = Vector512.Create(s[96..112]), s7 = Vector512.Create(s[112..128]);
        Vector512<uint> m0 = Vector512.Create(m[..16]), m1 = Vector512.Create(m[16..32]), m2 = Vector512.Create(m[32..48]), m3 = Vector512.Create(m[48..64]);
        Vector512<uint> m4 = Vector512.Create(m[64..80]), m5 = Vector512.Create(m[80..96]), m6 = Vector512.Create(m[96..112]), m7 = Vector512.Create(m[112..128]);
        Vector512<uint> a0 = Vector512<uint>.AllBitsSet, a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        foreach (var e in elements)
        {
            var x = Vector512.Create(e);
            a0 = Step(a0, x, s0, m0, f); a1 = Step(a1, x, s1, m1, f);
            a2 = Step(a2, x, s2, m2, f); a3 = Step(a3, x, s3, m3, f);
            a4 = Step(a4, x, s4, m4, f); a5 = Step(a5, x, s5, m5, f);
            a6 = Step(a6, x, s6, m6, f); a7 = Step(a7, x, s7, m7, f);
        }
        a0.CopyTo(signature); a1.CopyTo(signature[16..]); a2.CopyTo(signature[32..]); a3.CopyTo(signature[48..]);
        a4.CopyTo(signature[64..]); a5.CopyTo(signature[80..]); a6.CopyTo(signature[96..]); a7.CopyTo(signature[112..]);
    }

    private void Compute512(ReadOnlySpan<uint> elements, Span<uint> signature)
    {
        var f = Vector512.Create(FinalMultiplier);
        for (var block = 0; block < Permutations; block += 16)
        {
            var s = Vector512.Create(_xorSeeds.AsSpan(block, 16));
            var m = Vector512.Create(_multipliers.AsSpan(block, 16));
            var acc = Vector512<uint>.AllBitsSet;
            foreach (var e in elements) acc = Step(acc, Vector512.Create(e), s, m, f);
            acc.CopyTo(signature[block..]);
        }
    }

    private void Compute256(ReadOnlySpan<uint> elements, Span<uint> signature)
    {
        var f = Vector256.Create(FinalMultiplier);
        // Four blocks of eight lanes per pass over the elements keeps 12 parameter and 4 accumulator registers live.
        for (var block = 0; block < Permutations; block += 32)
        {
            if (block + 32 > Permutations)
            {
                // Permutations is a multiple of 16: the last pass may hold only two blocks.
                ReadOnlySpan<uint> ts = _xorSeeds.AsSpan(block, 16), tm = _multipliers.AsSpan(block, 16);
                Vector256<uint> t0 = Vector256.Create(ts[..8]), t1 = Vector256.Create(ts[8..16]);
                Vector256<uint> n0 = Vector256.Create(tm[..8]), n1 = Vector256.Create(tm[8..16]);
                Vector256<uint> b0 = Vector256<uint>.AllBitsSet, b1 = b0;
                foreach (var e in elements)
                {
                    var x = Vector256.Create(e);
                    b0 = Step(b0, x, t0, n0, f); b1 = Step(b1, x, t1, n1, f);
                }
                b0.CopyTo(signature[block..]); b1.CopyTo(signature[(block + 8)..]);
                break;
            }
            ReadOnlySpan<uint> s = _xorSeeds.AsSpan(block, 32), m = _multipliers.AsSpan(block, 32);
            Vector256<uint> s0 = Vector256.Create(s[..8]), s1 = Vector256.Create(s[8..16]), s2 = Vector256.Create(s[16..24]), s3 = Vector256.Create(s[24..32]);
            Vector256<uint> m0 = Vector256.Create(m[..8]), m1 = Vector256.Create(m[8..16]), m2 = Vector256.Create(m[16..24]), m3 = Vector256.Create(m[24..32]);
            Vector256<uint> a0 = Vector256<uint>.AllBitsSet, a1 = a0, a2 = a0, a3 = a0;
            foreach (var e in elements)
            {
                var x = Vector256.Create(e);
                a0 = Step(a0, x, s0, m0, f); a1 = Step(a1, x, s1, m1, f);
                a2 = Step(a2, x, s2, m2, f); a3 = Step(a3, x, s3, m3, f);
            }
            a0.CopyTo(signature[block..]); a1.CopyTo(signature[(block + 8)..]);
            a2.CopyTo(signature[(block + 16)..]); a3.CopyTo(signature[(block + 24)..]);
        }
    }
}
