using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace NewsCluster.Ingestion.Tests.Support;

/// <summary>Builds archives in memory so tests can state exactly what hostile or ordinary content they hold.</summary>
internal static class ArchiveBuilder
{
    public static byte[] Zip(params (string Name, byte[] Content)[] entries) => Zip(entries.Select(e => (e.Name, e.Content, 0)).ToArray());

    public static byte[] Zip((string Name, byte[] Content, int UnixMode)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content, mode) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize);
                if (mode != 0) entry.ExternalAttributes = mode << 16;
                using var stream = entry.Open();
                stream.Write(content);
            }
        return memory.ToArray();
    }

    public static byte[] Tar(params TarEntry[] entries)
    {
        using var memory = new MemoryStream();
        using (var tar = new TarWriter(memory, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var entry in entries) tar.WriteEntry(entry);
        return memory.ToArray();
    }

    public static TarEntry TarFile(string name, byte[] content) =>
        new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };

    public static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(content);
        return memory.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A WARC file with a warcinfo record and one response record per page (status, content type, body).</summary>
    public static byte[] Warc(params (string Uri, string HttpHead, byte[] Body)[] responses)
    {
        using var memory = new MemoryStream();
        WriteRecord(memory, "warcinfo", null, Utf8("software: test\r\n"));
        foreach (var (uri, head, body) in responses)
        {
            WriteRecord(memory, "request", uri, Utf8($"GET / HTTP/1.1\r\nHost: example\r\n\r\n"));
            WriteRecord(memory, "response", uri, [.. Utf8(head.Replace("\n", "\r\n") + "\r\n\r\n"), .. body]);
        }
        return memory.ToArray();
    }

    private static void WriteRecord(Stream output, string type, string? uri, byte[] block)
    {
        var header = $"WARC/1.0\r\nWARC-Type: {type}\r\n" + (uri is null ? "" : $"WARC-Target-URI: {uri}\r\n")
            + $"Content-Type: application/http; msgtype={type}\r\nContent-Length: {block.Length}\r\n\r\n";
        output.Write(Utf8(header));
        output.Write(block);
        output.Write(Utf8("\r\n\r\n"));
    }
}
