namespace NewsCluster.Ingestion.Cleaning;

/// <summary>
/// The paragraph keys one body has shown so far, answering "seen before?" exactly without a key string per paragraph.
/// Most paragraphs are unique, so a paragraph is first looked up by its <see cref="KeySummary"/> alone (vectorised, no
/// key written). Only paragraphs whose summary was seen before have their keys written out and compared; the first
/// paragraph of such a summary is moved to that exact set when the second one arrives.
/// </summary>
internal sealed class ParagraphKeySet
{
    private const int InitialSlots = 64;

    /// <summary>Past this size (a huge document) a set is not kept for reuse, so one input cannot pin its memory.</summary>
    private const int MaxRetainedSlots = 4096;

    private Slot[] _slots = new Slot[InitialSlots];
    private int _count;
    private readonly ExactKeys _exact = new();

    /// <summary>The first paragraph seen with a summary, and whether its key is in the exact set.</summary>
    private struct Slot
    {
        public bool InUse;
        public bool InExactSet;
        public int Hash;
        public KeySummary Summary;
        public ReadOnlyMemory<char> FirstParagraph;
    }

    public bool IsSmallEnoughToReuse => _slots.Length <= MaxRetainedSlots && _exact.IsSmallEnoughToReuse;

    /// <summary>Adds the key of <paramref name="paragraph"/> (whose summary is given); false when an equal key was added before.</summary>
    public bool Add(ReadOnlyMemory<char> paragraph, KeySummary summary)
    {
        // HashCode is seeded per process, so crafted input cannot aim many summaries at one slot.
        var hash = HashCode.Combine(summary.Length, summary.Sum);
        var mask = _slots.Length - 1;
        var i = hash & mask;
        while (_slots[i].InUse)
        {
            ref var slot = ref _slots[i];
            if (slot.Hash == hash && slot.Summary == summary)
            {
                if (!slot.InExactSet)
                {
                    _exact.Add(slot.FirstParagraph.Span);
                    slot.InExactSet = true;
                }
                return _exact.Add(paragraph.Span);
            }
            i = (i + 1) & mask;
        }
        _slots[i] = new Slot { InUse = true, Hash = hash, Summary = summary, FirstParagraph = paragraph };
        // At most half full, so probe runs stay short.
        if (++_count * 2 > _slots.Length) Rehash(_slots.Length * 2);
        return true;
    }

    public void Clear()
    {
        Array.Clear(_slots);
        _count = 0;
        _exact.Clear();
    }

    private void Rehash(int size)
    {
        var old = _slots;
        _slots = new Slot[size];
        var mask = size - 1;
        foreach (var slot in old)
        {
            if (!slot.InUse) continue;
            var i = slot.Hash & mask;
            while (_slots[i].InUse) i = (i + 1) & mask;
            _slots[i] = slot;
        }
    }

    /// <summary>
    /// Whole keys, written back to back into one character buffer rather than a string each, in an open-addressing
    /// table over the runtime's randomised span hash; equal hashes are confirmed by comparing the characters.
    /// </summary>
    private sealed class ExactKeys
    {
        private const int InitialChars = 1024;
        private const int InitialSlots = 16;
        private const int MaxRetainedChars = 64 * 1024;
        private const int MaxRetainedSlots = 4096;

        private char[] _chars = new char[InitialChars];
        private int _used;
        private KeySlot[] _slots = new KeySlot[InitialSlots];
        private int _count;

        /// <summary>Where a stored key sits in the character buffer, and its hash. Length 0 marks a free slot.</summary>
        private readonly record struct KeySlot(int Hash, int Start, int Length);

        public bool IsSmallEnoughToReuse => _chars.Length <= MaxRetainedChars && _slots.Length <= MaxRetainedSlots;

        /// <summary>Adds the key of <paramref name="paragraph"/>; false when it was already there or is empty (never stored).</summary>
        public bool Add(ReadOnlySpan<char> paragraph)
        {
            // The key is written after the stored ones and kept there only if it is new.
            EnsureRoom(ParagraphKey.MaxKeyLength(paragraph.Length));
            var key = _chars.AsSpan(_used, ParagraphKey.Write(paragraph, _chars.AsSpan(_used)));
            if (key.Length == 0) return false;
            var hash = string.GetHashCode(key);
            var mask = _slots.Length - 1;
            var i = hash & mask;
            for (; _slots[i].Length != 0; i = (i + 1) & mask)
            {
                var slot = _slots[i];
                if (slot.Hash == hash && _chars.AsSpan(slot.Start, slot.Length).SequenceEqual(key)) return false;
            }
            _slots[i] = new KeySlot(hash, _used, key.Length);
            _used += key.Length;
            if (++_count * 2 > _slots.Length) Rehash(_slots.Length * 2);
            return true;
        }

        public void Clear()
        {
            Array.Clear(_slots);
            _count = 0;
            _used = 0;
        }

        private void EnsureRoom(int chars)
        {
            if (_chars.Length - _used >= chars) return;
            var grown = new char[Math.Max(_chars.Length * 2, _used + chars)];
            _chars.AsSpan(0, _used).CopyTo(grown);
            _chars = grown;
        }

        private void Rehash(int size)
        {
            var old = _slots;
            _slots = new KeySlot[size];
            var mask = size - 1;
            foreach (var slot in old)
            {
                if (slot.Length == 0) continue;
                var i = slot.Hash & mask;
                while (_slots[i].Length != 0) i = (i + 1) & mask;
                _slots[i] = slot;
            }
        }
    }
}
