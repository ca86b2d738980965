using System.Text;

namespace NewsCluster.Ingestion.Decoding;

/// <summary>Maps charset labels from pages and headers to encodings, following the WHATWG Encoding Standard where it matters.</summary>
internal static class CharsetNames
{
    public static Encoding? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        // Browsers read Latin-1 and ASCII labels as Windows-1252, and a meta tag cannot truthfully declare UTF-16.
        if (name is "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "x-cp1252")
            name = "windows-1252";
        if (name.StartsWith("utf-16", StringComparison.Ordinal) || name is "utf8" or "unicode-1-1-utf-8") name = "utf-8";
        return TryGet(name);
    }

    private static Encoding? TryGet(string name)
    {
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
