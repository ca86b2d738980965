using System.Text;
using System.Text.RegularExpressions;

namespace NewsCluster.Ingestion.Html;

/// <summary>
/// Finds a charset declared by a <c>&lt;meta&gt;</c> tag in the first bytes of a page, as browsers prescan before
/// decoding (both <c>charset="x"</c> and the http-equiv Content-Type form).
/// </summary>
internal static partial class MetaCharset
{
    private const int PrescanBytes = 2048;

    [GeneratedRegex(@"<meta[^>]*?charset\s*=\s*[""']?\s*([A-Za-z0-9_:.\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Declaration();

    public static string? Find(ReadOnlySpan<byte> page)
    {
        var head = Encoding.Latin1.GetString(page[..Math.Min(page.Length, PrescanBytes)]);
        var match = Declaration().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }
}
