using System.Text;

namespace NewsCluster.Ingestion.Pipeline;

/// <summary>
/// Decides how to read an input from its name and its first bytes. The name proposes; magic numbers overrule it where
/// that helps (a gzip named .html, an HTML page named .txt), and sniffing decides for names without a known extension.
/// </summary>
internal static class FormatSniffer
{
    public const int HeadBytes = 512;

    private static readonly Dictionary<string, InputFormat> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = InputFormat.PlainText, [".text"] = InputFormat.PlainText, [".md"] = InputFormat.PlainText,
        [".html"] = InputFormat.Html, [".htm"] = InputFormat.Html, [".xhtml"] = InputFormat.Html, [".shtml"] = InputFormat.Html,
        [".json"] = InputFormat.Json, [".jsonl"] = InputFormat.JsonLines, [".ndjson"] = InputFormat.JsonLines,
        [".zip"] = InputFormat.Zip, [".tar"] = InputFormat.Tar, [".gz"] = InputFormat.Gzip, [".tgz"] = InputFormat.Gzip,
        [".warc"] = InputFormat.Warc,
        [".pdf"] = InputFormat.Unsupported, [".doc"] = InputFormat.Unsupported, [".docx"] = InputFormat.Unsupported,
        [".odt"] = InputFormat.Unsupported, [".rtf"] = InputFormat.Unsupported, [".epub"] = InputFormat.Unsupported,
        [".xlsx"] = InputFormat.Unsupported, [".pptx"] = InputFormat.Unsupported, [".jar"] = InputFormat.Unsupported,
        [".png"] = InputFormat.Unsupported, [".jpg"] = InputFormat.Unsupported, [".jpeg"] = InputFormat.Unsupported,
        [".gif"] = InputFormat.Unsupported, [".7z"] = InputFormat.Unsupported, [".rar"] = InputFormat.Unsupported,
        [".bz2"] = InputFormat.Unsupported, [".xz"] = InputFormat.Unsupported, [".exe"] = InputFormat.Unsupported,
    };

    /// <summary>Looks extensions up as spans of the name, so reading a file costs no extension string.</summary>
    private static readonly Dictionary<string, InputFormat>.AlternateLookup<ReadOnlySpan<char>> ExtensionsBySpan =
        Extensions.GetAlternateLookup<ReadOnlySpan<char>>();

    public static InputFormat FromName(string name) =>
        ExtensionsBySpan.TryGetValue(Path.GetExtension(name.AsSpan()), out var format) ? format : InputFormat.Unknown;

    /// <summary>The name an input has once decompressed: "a.html.gz" holds "a.html", "a.tgz" holds "a.tar".</summary>
    public static string NameInsideGzip(string name)
    {
        if (name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)) return name[..^4] + ".tar";
        return name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
    }

    public static InputFormat Decide(string name, ReadOnlySpan<byte> head)
    {
        var byName = FromName(name);
        if (byName == InputFormat.Unsupported) return byName;
        return ByMagic(head) ?? ByMarkup(byName, head) ?? byName;
    }

    private static InputFormat? ByMagic(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8)) return InputFormat.Zip;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return InputFormat.Gzip;
        if (head.Length >= 262 && head.Slice(257, 5).SequenceEqual("ustar"u8)) return InputFormat.Tar;
        if (head.StartsWith("WARC/"u8)) return InputFormat.Warc;
        return null;
    }

    private static InputFormat? ByMarkup(InputFormat byName, ReadOnlySpan<byte> head)
    {
        if (byName is not (InputFormat.PlainText or InputFormat.Unknown)) return null;
        Span<char> buffer = stackalloc char[HeadBytes];
        var start = AsciiStart(head, buffer);
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return InputFormat.Html;
        if (byName == InputFormat.PlainText) return null;
        // "}\n{" once "\r\n" became "\n": a line break between two records.
        if (start.StartsWith('{')) return start.Contains("}\n{", StringComparison.Ordinal) || start.Contains("}\r\n{", StringComparison.Ordinal) ? InputFormat.JsonLines : InputFormat.Json;
        return start.StartsWith('[') ? InputFormat.Json : null;
    }

    /// <summary>
    /// The head as Latin-1 text (in <paramref name="buffer"/>, no string) without a UTF-8 BOM or leading whitespace;
    /// enough to spot markup and JSON.
    /// </summary>
    private static ReadOnlySpan<char> AsciiStart(ReadOnlySpan<byte> head, Span<char> buffer)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        head = head[..Math.Min(head.Length, buffer.Length)];
        var length = Encoding.Latin1.GetChars(head, buffer);
        return buffer[..length].TrimStart();
    }
}
