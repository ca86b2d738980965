using System.Text;
using NewsCluster.Ingestion.Tests.Support;

namespace NewsCluster.Ingestion.Tests.Html;

public sealed class HtmlArticleTests
{
    private static readonly ArticleDraft Ledger = Reading.Article("news-page.html", Fixtures.Bytes("news-page.html"));

    [Fact]
    public void The_title_comes_from_og_title_without_the_site_suffix() =>
        Ledger.Title.Should().Be("Harbour Bridge Reopens After Two Years of Repairs");

    [Fact]
    public void Metadata_comes_from_article_tags_the_canonical_link_and_the_html_lang()
    {
        Ledger.Published.Should().Be(new DateTimeOffset(2024, 3, 5, 7, 30, 0, TimeSpan.Zero));
        Ledger.Byline.Should().Be("Maria Keller");
        Ledger.Source.Should().Be("The Coastal Ledger");
        Ledger.Url.Should().Be("https://ledger.example/news/harbour-bridge-reopens");
        Ledger.Language.Should().Be("en-GB");
    }

    [Fact]
    public void The_body_is_the_four_article_paragraphs_in_order_with_the_duplicate_dropped()
    {
        Ledger.Paragraphs().Should().HaveCount(4);
        Ledger.Paragraphs().First().Should().StartWith("The Harbour Bridge reopened to traffic");
        Ledger.Paragraphs().Last().Should().StartWith("The mayor, speaking at the reopening");
    }

    [Fact]
    public void Scripts_styles_navigation_comments_related_links_sidebars_and_footers_stay_out()
    {
        foreach (var furniture in new[] { "tracker", "color: red", "Politics", "Ferry operators", "Great news", "Most read", "All Rights Reserved", "Share on", "Hidden teaser", "a comment node", "Follow us" })
            Ledger.Text.Should().NotContain(furniture);
    }

    [Fact]
    public void The_raw_text_is_the_page_source() => Ledger.RawText.Should().Contain("<meta property=\"og:title\"");

    [Fact]
    public void Json_ld_supplies_the_date_when_no_meta_tag_does()
    {
        var page = Page("<script type=\"application/ld+json\">[{\"@type\":\"NewsArticle\",\"datePublished\":\"2023-11-02T10:15:00-05:00\",\"author\":[{\"name\":\"A. Writer\"},{\"name\":\"B. Writer\"}],\"publisher\":{\"name\":\"Daily Example\"}}]</script>");
        page.Published.Should().Be(new DateTimeOffset(2023, 11, 2, 15, 15, 0, TimeSpan.Zero));
        page.Byline.Should().Be("A. Writer, B. Writer");
        page.Source.Should().Be("Daily Example");
    }

    [Fact]
    public void A_time_element_supplies_the_date_when_nothing_else_does() =>
        Page("", "<time datetime=\"2022-01-09\">9 January</time>").Published.Should().Be(new DateTimeOffset(2022, 1, 9, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_h1_is_the_title_when_there_is_no_og_title() =>
        Page("<title>Ignored Page Title | Site</title>", "<h1>Council Approves New Cycling Lanes</h1>").Title.Should().Be("Council Approves New Cycling Lanes");

    [Theory]
    [InlineData("Council Approves New Cycling Lanes | The Daily Example", "Council Approves New Cycling Lanes")]
    [InlineData("Council Approves New Cycling Lanes - Local News - Example", "Council Approves New Cycling Lanes")]
    [InlineData("Example Times | Council Approves New Cycling Lanes", "Council Approves New Cycling Lanes")]
    [InlineData("Trump - the deal", "Trump - the deal")]
    public void The_document_title_loses_its_site_name(string documentTitle, string expected)
    {
        var head = $"<title>{documentTitle}</title><meta property=\"og:site_name\" content=\"Example Times\">";
        Page(head).Title.Should().Be(expected);
    }

    [Fact]
    public void A_script_in_the_title_is_kept_as_plain_text_never_as_markup()
    {
        var page = Page("<title>Mayor Resigns <script>alert('x')</script> Today</title>");
        page.Title.Should().Be("Mayor Resigns <script>alert('x')</script> Today");
        page.Text.Should().NotContain("alert");
    }

    [Fact]
    public void A_script_inside_the_h1_is_not_part_of_the_title() =>
        Page("", "<h1>Mayor Resigns<script>alert('x')</script></h1>").Title.Should().NotContain("alert");

    [Fact]
    public void A_page_without_paragraphs_is_refused_as_having_no_article_text() =>
        Reading.Single("empty.html", "<html><head><title>Only A Title</title></head><body><nav>Home</nav></body></html>")
            .RejectionReason.Should().StartWith("no article text:");

    [Fact]
    public void An_empty_page_is_refused_as_empty() =>
        Reading.Single("blank.html", "   \n  ").RejectionReason.Should().StartWith("empty:");

    [Fact]
    public void A_truncated_page_still_yields_the_text_that_arrived()
    {
        var bytes = Fixtures.Bytes("news-page.html");
        var truncated = bytes[..(Encoding.UTF8.GetString(bytes).IndexOf("The mayor, speaking", StringComparison.Ordinal) + 40)];
        var article = Reading.Article("cut.html", truncated);
        article.Paragraphs().Should().HaveCount(4).And.Contain(p => p.StartsWith("The mayor, speaking"));
    }

    [Fact]
    public void A_hundred_thousand_nested_divs_are_refused_without_overflowing_the_stack()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "<p>Deep text that nobody will read here.</p>" + string.Concat(Enumerable.Repeat("</div>", 100_000)) + "</body></html>";
        Reading.Single("deep.html", html).RejectionReason.Should().StartWith("too large:").And.Contain("deep");
    }

    [Fact]
    public void Nesting_within_the_limit_is_read()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 400)) + "<p>" + Sentence + "</p>" + string.Concat(Enumerable.Repeat("</div>", 400)) + "</body></html>";
        Reading.Article("nested.html", html).Text.Should().Be(Sentence);
    }

    [Fact]
    public void Unclosed_paragraphs_do_not_count_as_nesting()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<p>" + Sentence, 2000)) + "</body></html>";
        Reading.Article("unclosed.html", html).Text.Should().Be(Sentence);
    }

    [Fact]
    public void Binary_junk_named_html_is_refused_as_binary() =>
        Reading.Single("junk.html", [0x00, 0x01, 0x02, 0xFF, 0x10, 0x00, 0x7F, 0x03]).RejectionReason.Should().StartWith("binary:");

    [Fact]
    public void A_page_without_a_title_takes_its_first_headline_like_paragraph()
    {
        var page = Reading.Article("untitled.html", $"<html><body><div><p>Storm Closes Schools</p><p>{Sentence}</p></div></body></html>");
        page.Title.Should().Be("Storm Closes Schools");
        page.Text.Should().Be(Sentence);
    }

    [Fact]
    public void A_page_of_one_sentence_keeps_it_as_text_and_derives_the_title_from_it()
    {
        var page = Reading.Article("sentence.html", $"<html><body><p>{Sentence}</p></body></html>");
        page.Text.Should().Be(Sentence);
        page.Title.Should().Be(Sentence.TrimEnd('.'));
    }

    [Fact]
    public void A_page_of_links_only_is_refused()
    {
        var links = string.Concat(Enumerable.Range(0, 30).Select(i => $"<li><a href=\"/{i}\">Some long headline number {i} about something</a></li>"));
        Reading.Single("links.html", $"<html><body><ul>{links}</ul></body></html>").RejectionReason.Should().StartWith("no article text:");
    }

    private const string Sentence = "Residents said the new timetable, which starts next week, would make evening trips easier.";

    private static ArticleDraft Page(string head, string bodyStart = "") =>
        Reading.Article("page.html", $"<!doctype html><html><head>{head}</head><body>{bodyStart}<div class=\"content\"><p>{Sentence}</p><p>A second paragraph, with more detail, follows the first one here.</p></div></body></html>");
}
