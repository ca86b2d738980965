using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NewsCluster.Engine.Hashing;

/// <summary>
/// Stable, seedable 64-bit hashing for tokens and shingles. Unlike <see cref="string.GetHashCode()"/>, which is
/// randomised per process, these values never change between runs, machines or versions, so fingerprints can be
/// stored and compared later.
/// </summary>
/// <remarks>
/// <para>The byte hash is FNV-1a 64 (Fowler, Noll &amp; Vo; offset basis 0xcbf29ce484222325, prime 0x100000001b3),
/// chosen because its published test vectors make it checkable. FNV-1a alone mixes its high bits poorly, so every
/// value that feeds MinHash is passed through <see cref="Mix64"/>, the SplitMix64 finaliser (Steele, Lea &amp;
/// Flood 2014), a bijection with full avalanche.</para>
/// <para>Text is hashed as its UTF-16 code units in little-endian byte order, so <c>HashChars(s)</c> equals
/// <c>Fnv1a64(Encoding.Unicode.GetBytes(s))</c> without the conversion.</para>
/// </remarks>
public static class StableHash
{
    /// <summary>FNV-1a 64 offset basis.</summary>
    public const ulong FnvOffsetBasis = 0xcbf29ce484222325UL;

    /// <summary>FNV-1a 64 prime.</summary>
    public const ulong FnvPrime = 0x100000001b3UL;

    /// <summary><see cref="FnvPrime"/>² mod 2⁶⁴.</summary>
    private const ulong FnvPrimeSquared = unchecked(FnvPrime * FnvPrime);

    /// <summary>The SplitMix64 increment ("golden gamma", 2^64 / φ).</summary>
    public const ulong GoldenGamma = 0x9e3779b97f4a7c15UL;

    /// <summary>FNV-1a 64 of a byte sequence.</summary>
    public static ulong Fnv1a64(ReadOnlySpan<byte> data)
    {
        var h = FnvOffsetBasis;
        foreach (var b in data)
        {
            h ^= b;
            h *= FnvPrime;
        }
        return h;
    }

    /// <summary>FNV-1a 64 of the UTF-16LE bytes of <paramref name="text"/>, without allocating.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Fnv1a64(ReadOnlySpan<char> text) => Fnv1a64(text, FnvOffsetBasis);

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mixer with full avalanche.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }

    /// <summary>A well-mixed, seeded 64-bit hash of a token: <c>Mix64(Fnv1a64(text) ^ Mix64(seed))</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HashToken(ReadOnlySpan<char> text, ulong seed = 0) => Mix64(Fnv1a64(text) ^ Mix64(seed + GoldenGamma));

    /// <summary><see cref="Mix64"/>(<see cref="GoldenGamma"/>): what <see cref="HashToken"/> mixes in for seed 0.</summary>
    private const ulong SeedZeroMix = 0xe220a8397b1dcdafUL;

    /// <summary>
    /// Continues FNV-1a 64 from <paramref name="state"/> over <paramref name="text"/>:
    /// <c>Fnv1a64(a + b) == Fnv1a64(b, Fnv1a64(a))</c>, so a caller that already hashed a prefix need not hash it again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Fnv1a64(ReadOnlySpan<char> text, ulong state)
    {
        var h = state;
        foreach (var c in text)
        {
            if (c < 0x100)
            {
                // High byte 0: its xor is a no-op and the two multiplications fold into one by FnvPrime² (mod 2⁶⁴),
                // halving the dependent chain for Latin text with the same result.
                h = (h ^ c) * FnvPrimeSquared;
                continue;
            }
            h ^= (byte)c;
            h *= FnvPrime;
            h ^= (byte)(c >> 8);
            h *= FnvPrime;
        }
        return h;
    }

    /// <summary>One step of <see cref="Fnv1a64(ReadOnlySpan{char})"/> for a character below U+0100 (a folded ASCII letter or digit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Fnv1a64Latin1Step(ulong state, char c) => (state ^ c) * FnvPrimeSquared;

    /// <summary><see cref="HashToken"/> with seed 0, from the token's <see cref="Fnv1a64(ReadOnlySpan{char})"/> value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong HashTokenFromFnv(ulong fnv) => Mix64(fnv ^ SeedZeroMix);

    /// <summary>The initial state of <see cref="Combine"/>.</summary>
    internal const ulong CombineStart = 0x84222325cbf29ce4UL;

    /// <summary><see cref="Mix64"/> in every lane of a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> Mix64Lanes(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * 0x94d049bb133111ebUL;
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }

    /// <summary>Combines an ordered sequence of hashes (a word n-gram) into one: order matters, no allocation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ReadOnlySpan<ulong> hashes)
    {
        var h = CombineStart;
        foreach (var x in hashes) h = Mix64(h ^ x) + GoldenGamma;
        return h;
    }

    /// <summary>Folds a 64-bit hash to 32 bits (xor of the halves).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Fold32(ulong h) => (uint)(h ^ (h >> 32));
}

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014): a tiny,
/// stable, seedable generator used to draw MinHash permutation parameters and by the corpus generator.
/// It is a value you own and pass around, never shared state.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Next 64 random bits.</summary>
    public ulong Next()
    {
        _state += StableHash.GoldenGamma;
        return StableHash.Mix64(_state);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) (Lemire's multiply-shift; bias below 2^-32 for small bounds).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound));
        return (int)(((UInt128)Next() * (ulong)bound) >> 64);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
