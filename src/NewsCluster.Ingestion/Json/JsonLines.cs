using System.Text;
using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Json;

/// <summary>One line of a JSON Lines stream; <see cref="Bytes"/> is null when the line was over the length limit.</summary>
internal sealed record JsonLine(long Number, byte[]? Bytes);

/// <summary>
/// Splits a stream into lines without holding more than one line in memory, so a dump larger than memory streams
/// through. Blank lines are skipped; an over-long line is reported and skipped to its end.
/// </summary>
internal static class JsonLines
{
    private const int ChunkBytes = 64 * 1024;

    public static IEnumerable<JsonLine> Split(Stream stream, long maxLineBytes)
    {
        var source = Utf16AsUtf8(stream);
        var line = new MemoryStream();
        var tooLong = false;
        long number = 1;
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            var start = 0;
            for (var newline = Array.IndexOf(chunk, (byte)'\n', 0, read); newline >= 0; newline = Array.IndexOf(chunk, (byte)'\n', start, read - start))
            {
                Append(line, chunk.AsSpan(start, newline - start), maxLineBytes, ref tooLong);
                if (Finish(line, ref tooLong, number) is { } complete) yield return complete;
                number++;
                start = newline + 1;
            }
            Append(line, chunk.AsSpan(start, read - start), maxLineBytes, ref tooLong);
        }
        if (Finish(line, ref tooLong, number) is { } last) yield return last;
    }

    private static void Append(MemoryStream line, ReadOnlySpan<byte> bytes, long maxLineBytes, ref bool tooLong)
    {
        if (tooLong) return;
        if (line.Length + bytes.Length > maxLineBytes)
        {
            tooLong = true;
            line.SetLength(0);
            return;
        }
        line.Write(bytes);
    }

    private static JsonLine? Finish(MemoryStream line, ref bool tooLong, long number)
    {
        var result = tooLong ? new JsonLine(number, null) : IsBlank(line) ? null : new JsonLine(number, line.ToArray());
        line.SetLength(0);
        tooLong = false;
        return result;
    }

    private static bool IsBlank(MemoryStream line) => line.GetBuffer().AsSpan(0, (int)line.Length).Trim(" \t\r"u8).IsEmpty;

    /// <summary>Byte-wise line splitting needs an ASCII-compatible encoding; UTF-16 (with a BOM) is transcoded first.</summary>
    private static Stream Utf16AsUtf8(Stream stream)
    {
        Span<byte> buffer = stackalloc byte[2];
        var replay = ReplayStream.Peek(stream, buffer, out var filled);
        var head = buffer[..filled];
        if (head is [0xFF, 0xFE]) return Encoding.CreateTranscodingStream(replay, Encoding.Unicode, Encoding.UTF8);
        if (head is [0xFE, 0xFF]) return Encoding.CreateTranscodingStream(replay, Encoding.BigEndianUnicode, Encoding.UTF8);
        return replay;
    }
}
