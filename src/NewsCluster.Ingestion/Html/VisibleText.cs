using System.Text;
using AngleSharp.Dom;
using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Html;

/// <summary>
/// The text a reader sees in an element: TextContent would include script and style bodies (an h1 with an inline
/// script would put code in the title). Walks with an explicit stack, like every tree walk here.
/// </summary>
internal static class VisibleText
{
    private static readonly HashSet<string> Invisible = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "svg" };

    public static string Of(IElement element)
    {
        var text = new StringBuilder();
        var pending = new Stack<INode>([element]);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is IText t) text.Append(t.Data);
            if (node is not IElement e || Invisible.Contains(e.LocalName)) continue;
            for (var i = e.ChildNodes.Length - 1; i >= 0; i--) pending.Push(e.ChildNodes[i]);
        }
        return TextNormalizer.NormalizeInline(text.ToString());
    }
}
