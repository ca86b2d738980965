using AngleSharp.Dom;

namespace NewsCluster.Ingestion.Html;

/// <summary>
/// Picks the article text out of a page by content scoring: every substantial paragraph scores its container (and half
/// that to the container's parent) by length and commas; containers start from their tag and class/id hints and are
/// discounted by link density. The best container, plus siblings that score close to it, is the article.
/// </summary>
internal static class MainTextExtractor
{
    private const int MinScoredLength = 25;
    private const double MaxLinkDensity = 0.5;
    private const double SiblingShare = 0.2;
    private const double MinSiblingScore = 10;

    private static readonly HashSet<string> ParagraphTags = new(StringComparer.OrdinalIgnoreCase)
        { "p", "pre", "blockquote", "li", "td", "dd", "h2", "h3", "h4", "h5", "h6", "figcaption", "address", "dt" };

    public static List<string> Extract(IDocument document)
    {
        var root = document.Body ?? document.DocumentElement;
        if (root is null) return [];
        var blocks = BlockWalker.Walk(root);
        var scores = ScoreContainers(blocks);
        if (scores.Count == 0) return Readable(blocks);
        var chosen = ChooseContainers(scores);
        return Readable(blocks.Where(b => IsInside(b.Owner, chosen)));
    }

    private static List<string> Readable(IEnumerable<TextBlock> blocks) =>
        blocks.Where(b => b.LinkDensity <= MaxLinkDensity).Select(b => b.Text).ToList();

    private static Dictionary<IElement, double> ScoreContainers(List<TextBlock> blocks)
    {
        var scores = new Dictionary<IElement, double>();
        foreach (var block in blocks.Where(b => b.Text.Length >= MinScoredLength && b.LinkDensity <= MaxLinkDensity))
        {
            var container = ParagraphTags.Contains(block.Owner.LocalName) ? block.Owner.ParentElement ?? block.Owner : block.Owner;
            var points = 1 + block.Text.Count(c => c == ',') + Math.Min(block.Text.Length / 100.0, 3);
            Add(scores, container, points);
            if (container.ParentElement is { } parent) Add(scores, parent, points / 2);
        }
        var linkDensities = LinkDensities(blocks, scores.Keys);
        return scores.ToDictionary(s => s.Key, s => s.Value * (1 - linkDensities[s.Key]));
    }

    private static void Add(Dictionary<IElement, double> scores, IElement container, double points)
    {
        if (!scores.TryGetValue(container, out var score)) score = Prior(container);
        scores[container] = score + points;
    }

    private static double Prior(IElement element) => Boilerplate.HintWeight(element) + element.LocalName switch
    {
        "article" => 10,
        "div" or "main" or "section" => 5,
        "pre" or "td" or "blockquote" => 3,
        "ol" or "ul" or "dl" or "li" or "form" or "address" => -3,
        "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
        _ => 0,
    };

    /// <summary>Share of link text among all text under each container; one upward pass per block keeps it linear in depth.</summary>
    private static Dictionary<IElement, double> LinkDensities(List<TextBlock> blocks, IEnumerable<IElement> containers)
    {
        var totals = containers.ToDictionary(c => c, _ => (Text: 0L, Links: 0L));
        foreach (var block in blocks)
            for (var element = block.Owner; element is not null; element = element.ParentElement)
                if (totals.TryGetValue(element, out var total)) totals[element] = (total.Text + block.Text.Length, total.Links + block.LinkCharacters);
        return totals.ToDictionary(t => t.Key, t => t.Value.Text == 0 ? 0 : t.Value.Links / (double)t.Value.Text);
    }

    private static HashSet<IElement> ChooseContainers(Dictionary<IElement, double> scores)
    {
        var (best, bestScore) = scores.MaxBy(s => s.Value);
        var chosen = new HashSet<IElement> { best };
        var threshold = Math.Max(MinSiblingScore, bestScore * SiblingShare);
        foreach (var sibling in best.ParentElement?.Children ?? Enumerable.Empty<IElement>())
            if (sibling != best && scores.TryGetValue(sibling, out var score) && score >= threshold) chosen.Add(sibling);
        return chosen;
    }

    private static bool IsInside(IElement element, HashSet<IElement> containers)
    {
        for (IElement? current = element; current is not null; current = current.ParentElement)
            if (containers.Contains(current)) return true;
        return false;
    }
}
