namespace NewsCluster.Ingestion.Cleaning;

/// <summary>
/// The paragraph keys one body has shown so far. The cleaner only asks whether a key was seen, so keys are written back
/// to back into one character buffer instead of becoming a string each. Open addressing over the runtime's randomised
/// span hash; equal hashes are confirmed by comparing characters, so a collision can never drop a paragraph.
/// </summary>
internal sealed class ParagraphKeySet
{
    private const int InitialChars = 8 * 1024;
    private const int InitialSlots = 128;

    /// <summary>Past these sizes (a huge document) a set is not kept for reuse, so one input cannot pin its memory.</summary>
    private const int MaxRetainedChars = 64 * 1024;
    private const int MaxRetainedSlots = 4096;

    private char[] _chars = new char[InitialChars];
    private int _used;
    private int _stagedLength;
    private Slot[] _slots = new Slot[InitialSlots];
    private int _count;

    /// <summary>A stored key: where it sits in the character buffer and its hash. Length 0 marks a free slot.</summary>
    private readonly record struct Slot(int Hash, int Start, int Length);

    public bool IsSmallEnoughToReuse => _chars.Length <= MaxRetainedChars && _slots.Length <= MaxRetainedSlots;

    /// <summary>
    /// Writes the key of <paramref name="paragraph"/> after the stored keys without storing it, and returns it; valid
    /// until the next <see cref="Stage"/> or <see cref="AddStaged"/>.
    /// </summary>
    public ReadOnlySpan<char> Stage(string paragraph)
    {
        EnsureRoom(ParagraphKey.MaxKeyLength(paragraph.Length));
        _stagedLength = ParagraphKey.Write(paragraph, _chars.AsSpan(_used));
        return _chars.AsSpan(_used, _stagedLength);
    }

    /// <summary>Stores the staged key; false when it was already stored or is empty (an empty key is never stored).</summary>
    public bool AddStaged()
    {
        if (_stagedLength == 0) return false;
        var key = _chars.AsSpan(_used, _stagedLength);
        var hash = string.GetHashCode(key);
        var mask = _slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot.Length == 0)
            {
                _slots[i] = new Slot(hash, _used, key.Length);
                break;
            }
            if (slot.Hash == hash && _chars.AsSpan(slot.Start, slot.Length).SequenceEqual(key)) return false;
        }
        _used += _stagedLength;
        _stagedLength = 0;
        // At most half full, so probe runs stay short.
        if (++_count * 2 > _slots.Length) Rehash(_slots.Length * 2);
        return true;
    }

    public void Clear()
    {
        Array.Clear(_slots);
        _count = 0;
        _used = 0;
        _stagedLength = 0;
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
        _slots = new Slot[size];
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
