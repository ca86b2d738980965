using System.Globalization;
using System.IO.Compression;
using System.Text;
using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Archives;

/// <summary>The HTTP response inside a WARC response record: status, media type, charset and the decoded body.</summary>
internal sealed record HttpResponse(int Status, string MediaType, string? Charset, byte[] Body)
{
    public bool IsHtml => MediaType is "text/html" or "application/xhtml+xml" or "";

    public static HttpResponse Parse(byte[] block, IngestionLimits limits)
    {
        var headerEnd = block.AsSpan().IndexOf("\r\n\r\n"u8);
        var separator = 4;
        if (headerEnd < 0)
        {
            headerEnd = block.AsSpan().IndexOf("\n\n"u8);
            separator = 2;
        }
        if (headerEnd < 0) throw RejectedException.Because(RejectionKeywords.CorruptArchive, "the WARC response has no complete HTTP header");
        var lines = Encoding.Latin1.GetString(block, 0, headerEnd).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = Decode(block[(headerEnd + separator)..], headers, limits);
        var contentType = headers.GetValueOrDefault("Content-Type") ?? "";
        return new HttpResponse(StatusOf(lines[0]), MediaTypeOf(contentType), CharsetOf(contentType), body);
    }

    private static int StatusOf(string statusLine)
    {
        var parts = statusLine.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : 0;
    }

    private static string MediaTypeOf(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant();

    private static string? CharsetOf(string contentType) =>
        contentType.Split(';').Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim().Trim('"')).FirstOrDefault();

    /// <summary>Crawlers usually store bodies decoded, but some keep chunked or gzip transfer encodings.</summary>
    private static byte[] Decode(byte[] body, Dictionary<string, string> headers, IngestionLimits limits)
    {
        if (headers.GetValueOrDefault("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true) body = Dechunk(body);
        if (headers.GetValueOrDefault("Content-Encoding")?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true && body is [0x1F, 0x8B, ..])
            body = Bytes.ReadAll(new GZipStream(new MemoryStream(body), CompressionMode.Decompress), limits.MaxEntryBytes, "the decompressed response");
        return body;
    }

    private static byte[] Dechunk(byte[] body)
    {
        var output = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.AsSpan(position).IndexOf((byte)'\n');
            if (lineEnd < 0) break;
            var sizeText = Encoding.ASCII.GetString(body, position, lineEnd).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size <= 0) break;
            position += lineEnd + 1;
            output.Write(body, position, Math.Min(size, body.Length - position));
            position += size + 2;
        }
        return output.ToArray();
    }
}
