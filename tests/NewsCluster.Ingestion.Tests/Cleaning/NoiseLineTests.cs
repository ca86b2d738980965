using System.Text.RegularExpressions;
using NewsCluster.Ingestion.Cleaning;

namespace NewsCluster.Ingestion.Tests.Cleaning;

/// <summary>
/// The anchored kinds of page furniture are matched by one combined regex; a line must count as noise exactly when one
/// of the kinds, matched on its own, says so.
/// </summary>
public sealed class NoiseLineTests
{
    private static readonly Regex[] Kinds =
        [.. new[] { NoiseLines.PostNavigation, NoiseLines.Comments, NoiseLines.SocialPrompts, NoiseLines.SubscribeAndAds, NoiseLines.Copyright, NoiseLines.InlineCrossLink }
            .Select(pattern => new Regex(pattern, NoiseLines.Options))];

    private static readonly string[] Lines =
    [
        "Previous Post", "next article next page", "Older", "newer story  ", "Prev", "Previous Post Next Post Older", "previously",
        "Comments", "12 comments", "Comments (3)", "comment:", "Leave a comment", "view all 40 replies", "See the comments below",
        "No comments yet.", "Join the conversation", "join the discussion!", "Commentary",
        "Follow us on Twitter", "Share", "share this article", "Share on Facebook", "Tweet", "Email:", "copy link", "Share the story of a lifetime",
        "Sign up for our daily newsletter.", "Subscribe", "Subscribe!", "Get our free app today", "Advertisement", "Sponsored content",
        "Skip to main content", "Scroll to continue with content", "Subscriber numbers rose",
        "© 2025 Evening Star. All rights reserved.", "(c) 2024 Example", "Copyright Example Media", "all rights reserved", "Copyrighted",
        "Read more: the full story", "Related: Other news", "More: x", "more:", "See also : here",
        "Kouzaib stougaistout soulutrag some Chuderoub chitraz | Evening Star", "By Klacheid Gobrebit, Evening Star", "July 15, 2025",
        "SHARE", "\u212Aelvin", "\u017Fhare", "ſubscribe now", "Ⓒ 2025", "", " ", "x",
    ];

    [Fact]
    public void A_line_is_noise_exactly_when_one_kind_of_furniture_matches_it_alone()
    {
        var random = new Random(11);
        foreach (var line in Lines.Concat(Lines.Select(line => Recase(line, random))).Concat(Lines.Select(line => line + " now")))
        {
            var bare = line.AsSpan().Trim("*_# |>•-").ToString();
            var expected = line.Length <= 160 && (bare.Length == 0 || Kinds.Any(kind => kind.IsMatch(bare)));
            NoiseLines.IsNoise(line).Should().Be(expected, "for '{0}'", line);
        }
    }

    private static string Recase(string line, Random random) =>
        string.Concat(line.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));
}
