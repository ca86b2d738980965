using System.Text;
using AngleSharp.Dom;
using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Html;

/// <summary>A run of text between block boundaries, with the block element that holds it and how much of it is link text.</summary>
internal sealed record TextBlock(string Text, int LinkCharacters, IElement Owner)
{
    public double LinkDensity => Text.Length == 0 ? 0 : Math.Min(1, LinkCharacters / (double)Text.Length);
}

/// <summary>
/// Flattens a page into text blocks in document order, skipping what is never article text (scripts, navigation,
/// comments, related links, hidden elements). The walk uses an explicit stack, so nesting depth cannot overflow it.
/// </summary>
internal static class BlockWalker
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "h1", "h2", "h3", "h4",
        "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br",
        "center", "summary", "caption",
    };

    public static List<TextBlock> Walk(IElement root)
    {
        var walk = new WalkState(root);
        var pending = new Stack<(INode Node, bool Leaving)>();
        pending.Push((root, false));
        while (pending.Count > 0)
        {
            var (node, leaving) = pending.Pop();
            if (leaving) walk.Leave((IElement)node);
            else if (node is IText text) walk.AddText(text.Data);
            else if (node is IElement element && !Boilerplate.IsSkipped(element)) Enter(element, walk, pending);
        }
        walk.Flush();
        return walk.Blocks;
    }

    private static void Enter(IElement element, WalkState walk, Stack<(INode Node, bool Leaving)> pending)
    {
        walk.Enter(element, BlockTags.Contains(element.LocalName));
        pending.Push((element, true));
        var children = element.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--) pending.Push((children[i], false));
    }

    private sealed class WalkState(IElement root)
    {
        private readonly StringBuilder _text = new();
        private readonly Stack<IElement> _openBlocks = new([root]);
        private int _linkCharacters;
        private int _linkDepth;

        public List<TextBlock> Blocks { get; } = [];

        public void Enter(IElement element, bool isBlock)
        {
            if (element.LocalName == "a") _linkDepth++;
            if (!isBlock) return;
            Flush();
            if (element.LocalName != "br") _openBlocks.Push(element);
        }

        public void Leave(IElement element)
        {
            if (element.LocalName == "a") _linkDepth--;
            if (!BlockTags.Contains(element.LocalName) || element.LocalName == "br") return;
            Flush();
            if (_openBlocks.Count > 1) _openBlocks.Pop();
        }

        public void AddText(string data)
        {
            _text.Append(data);
            if (_linkDepth > 0) _linkCharacters += data.Length;
        }

        public void Flush()
        {
            var text = TextNormalizer.NormalizeInline(_text.ToString());
            if (text.Length > 0) Blocks.Add(new TextBlock(text, Math.Min(_linkCharacters, text.Length), _openBlocks.Peek()));
            _text.Clear();
            _linkCharacters = 0;
        }
    }
}
