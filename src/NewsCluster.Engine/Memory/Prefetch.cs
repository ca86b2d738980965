using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace NewsCluster.Engine.Memory;

/// <summary>
/// Software prefetch: asks the CPU to start loading memory that will be read shortly, so that work on data at random
/// places (the candidates of a verification) overlaps the waits. A hint only: it never faults and never changes a
/// result, and where the instruction is missing it does nothing.
/// </summary>
internal static class Prefetch
{
    private const int LineBytes = 64;

    /// <summary>Prefetches <paramref name="lines"/> cache lines from element <paramref name="index"/> of <paramref name="array"/> on.</summary>
    /// <remarks>
    /// The address is taken without pinning: should the GC move the array in between, the hint goes to the old place,
    /// which costs nothing but the hint. Out-of-range requests are ignored.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Lines<T>(T[] array, long index, int lines)
    {
        if (!Sse.IsSupported || (ulong)index >= (ulong)array.Length) return;
        var address = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), (nint)index));
        for (var line = 0; line < lines; line++) Sse.Prefetch0(address + line * LineBytes);
    }
}
