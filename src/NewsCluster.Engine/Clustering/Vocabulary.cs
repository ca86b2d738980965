namespace NewsCluster.Engine.Clustering;

/// <summary>
/// The terms of a batch of articles: a dense number for every distinct term id and the number of articles each
/// occurs in (its document frequency; an article lists a term once).
/// </summary>
/// <remarks>
/// A single hash table over millions of occurrences misses the cache on nearly every look-up, so the occurrences are
/// first scattered into partitions by a hash of the id (in occurrence order) and each partition is numbered with a
/// small table that stays in cache, partitions in parallel. Numbers run partition by partition, then in order of
/// first sight; neither depends on the thread count.
/// </remarks>
internal sealed class Vocabulary
{
    /// <summary>Occurrences per partition aimed at: a partition's table (2 slots per occurrence) stays in the L2 cache.</summary>
    private const int OccurrencesPerPartition = 8192;

    private readonly int[] _numbers;
    private readonly int[] _offsets;

    private Vocabulary(int[] numbers, int[] offsets, int[] documentFrequency)
    {
        _numbers = numbers;
        _offsets = offsets;
        DocumentFrequency = documentFrequency;
    }

    /// <summary>Document frequency by term number.</summary>
    public int[] DocumentFrequency { get; }

    /// <summary>Term occurrences over all articles (the sum of their distinct-term counts).</summary>
    public int Occurrences => _offsets[^1];

    /// <summary>Where article <paramref name="article"/>'s occurrences begin in the occurrence order.</summary>
    public int FirstOccurrence(int article) => _offsets[article];

    /// <summary>The term numbers of article <paramref name="article"/>, parallel to its term ids.</summary>
    public ReadOnlySpan<int> Numbers(int article) => _numbers.AsSpan(_offsets[article], _offsets[article + 1] - _offsets[article]);

    /// <summary>Numbers the terms of <paramref name="termIds"/> (one distinct-id list per article).</summary>
    public static Vocabulary Build(IReadOnlyList<uint[]> termIds, ParallelOptions parallel)
    {
        var n = termIds.Count;
        var offsets = new int[n + 1];
        for (var i = 0; i < n; i++) offsets[i + 1] = checked(offsets[i] + termIds[i].Length);
        var total = offsets[n];
        var partitionBits = 0;
        while (partitionBits < 12 && (long)OccurrencesPerPartition << partitionBits < total) partitionBits++;
        var partitions = 1 << partitionBits;

        // Scatter the ids into partitions, keeping occurrence order within each: articles are cut into a fixed number
        // of runs, each counted and scattered in parallel into its own stretch of every partition, the runs'
        // stretches in article order, so the layout is the sequential one whatever the thread count.
        var runs = Math.Clamp(n / 1024, 1, 16);
        var counts = new int[runs * partitions];
        Parallel.For(0, runs, parallel, run =>
        {
            var own = counts.AsSpan(run * partitions, partitions);
            for (var i = RunStart(run, runs, n); i < RunStart(run + 1, runs, n); i++)
                foreach (var id in termIds[i]) own[Partition(id, partitionBits)]++;
        });
        var start = new int[partitions + 1];
        var stretches = new int[runs * partitions];
        for (int p = 0, at = 0; p < partitions; p++)
        {
            start[p] = at;
            for (var run = 0; run < runs; run++)
            {
                stretches[run * partitions + p] = at;
                at += counts[run * partitions + p];
            }
        }
        start[partitions] = total;
        // Written in full below, so it need not be zeroed first.
        var scattered = GC.AllocateUninitializedArray<uint>(total);
        Parallel.For(0, runs, parallel, run =>
        {
            var cursor = stretches.AsSpan(run * partitions, partitions).ToArray();
            for (var i = RunStart(run, runs, n); i < RunStart(run + 1, runs, n); i++)
                foreach (var id in termIds[i]) scattered[cursor[Partition(id, partitionBits)]++] = id;
        });

        // Each partition's ids are replaced in place by their partition-local numbers...
        var frequencies = new int[partitions][];
        Parallel.For(0, partitions, parallel, () => new PartitionTable(), (p, _, table) =>
        {
            frequencies[p] = table.Number(scattered.AsSpan(start[p], start[p + 1] - start[p]));
            return table;
        }, _ => { });

        // ...which are read back in article order by walking the partitions as the scatter did, so every occurrence
        // finds its entry where the scatter put it: streaming through the partitions rather than writing each
        // number to a random place. Local numbers become global by the count of the partitions before.
        var first = new int[partitions + 1];
        for (var p = 0; p < partitions; p++) first[p + 1] = first[p] + frequencies[p].Length;
        var numbers = GC.AllocateUninitializedArray<int>(total);
        Parallel.For(0, runs, parallel, run =>
        {
            var cursor = stretches.AsSpan(run * partitions, partitions).ToArray();
            for (var i = RunStart(run, runs, n); i < RunStart(run + 1, runs, n); i++)
            {
                var ids = termIds[i];
                var own = numbers.AsSpan(offsets[i], ids.Length);
                for (var k = 0; k < ids.Length; k++)
                {
                    var p = Partition(ids[k], partitionBits);
                    own[k] = (int)scattered[cursor[p]++] + first[p];
                }
            }
        });
        var documentFrequency = new int[first[partitions]];
        for (var p = 0; p < partitions; p++) frequencies[p].CopyTo(documentFrequency, first[p]);
        return new Vocabulary(numbers, offsets, documentFrequency);
    }

    /// <summary>The first article of run <paramref name="run"/> when <paramref name="articles"/> are cut into <paramref name="runs"/> runs.</summary>
    private static int RunStart(int run, int runs, int articles) => (int)((long)articles * run / runs);

    /// <summary>The top bits of a Fibonacci hash of the id (zero bits: one partition).</summary>
    private static int Partition(uint id, int bits) => bits == 0 ? 0 : (int)((id * 0x9E3779B1u) >> (32 - bits));

    /// <summary>One worker's open-addressing table of packed (id, local number + 1) entries, reused across partitions.</summary>
    private sealed class PartitionTable
    {
        private ulong[] _slots = new ulong[1 << 10];
        private int[] _frequency = new int[1 << 9];

        /// <summary>
        /// Numbers the partition's ids in order of first sight, replacing each entry by its id's number; returns the
        /// ids' frequencies.
        /// </summary>
        public int[] Number(Span<uint> entries)
        {
            var bits = 4;
            while (1 << bits < 2 * entries.Length) bits++;
            if (_slots.Length < 1 << bits) _slots = new ulong[1 << bits];
            var slots = _slots.AsSpan(0, 1 << bits);
            slots.Clear();
            var mask = slots.Length - 1;
            if (_frequency.Length < entries.Length) _frequency = new int[entries.Length];
            var frequency = _frequency.AsSpan(0, entries.Length);
            frequency.Clear();
            var terms = 0;
            foreach (ref var entry in entries)
            {
                var id = entry;
                // A different multiplier from the partition hash, so the ids of one partition spread over the table.
                var i = (int)((id * 0x85EBCA77u) >> (32 - bits));
                int number;
                while (true)
                {
                    var slot = slots[i];
                    if (slot == 0)
                    {
                        number = terms++;
                        slots[i] = ((ulong)id << 32) | (uint)(number + 1);
                        break;
                    }
                    if ((uint)(slot >> 32) == id)
                    {
                        number = (int)(uint)slot - 1;
                        break;
                    }
                    i = (i + 1) & mask;
                }
                frequency[number]++;
                entry = (uint)number;
            }
            return frequency[..terms].ToArray();
        }
    }
}
