using NewsCluster.Ingestion.Tests.Support;

namespace NewsCluster.Ingestion.Tests.Text;

public sealed class PlainTextEdgeTests
{
    private const string Body = "The regional airport will add four new routes this summer, its operator said on Thursday, including a daily flight to Lisbon.";

    [Fact]
    public void An_empty_file_is_refused_as_empty() => Reading.Single("empty.txt", "").RejectionReason.Should().StartWith("empty:");

    [Fact]
    public void A_whitespace_only_file_is_refused_as_empty() => Reading.Single("blank.txt", " \n\t\r\n ").RejectionReason.Should().StartWith("empty:");

    [Fact]
    public void A_title_without_a_body_is_refused_as_having_no_article_text() =>
        Reading.Single("title.txt", "Airport Adds Four New Routes\n").RejectionReason.Should().StartWith("no article text:");

    [Fact]
    public void A_truncated_seed_is_still_read()
    {
        var seed = Seeds.Bytes("002");
        var article = Reading.Article("cut.txt", seed[..1500]);
        article.Title.Should().Be("Russia and Ukraine Show Signs of Openness to Direct Negotiations Amid U.S. Pressure");
    }

    [Fact]
    public void A_file_over_the_entry_limit_is_refused_as_too_large() =>
        Reading.Single("big.txt", "Title Here\n\n" + new string('a', 5000), new IngestionLimits { MaxEntryBytes = 1000 }).RejectionReason.Should().StartWith("too large:");

    [Fact]
    public void A_stream_over_the_file_limit_is_refused_as_too_large() =>
        Reading.Single("big.txt", "Title Here\n\n" + new string('a', 5000), new IngestionLimits { MaxFileBytes = 1000 }).RejectionReason.Should().StartWith("too large:");

    [Fact]
    public void Hard_wrapped_paragraphs_are_joined_back()
    {
        var text = "Airport Adds Four New Routes\n\nThe regional airport will add four new routes\nthis summer, its operator said on Thursday.\n\nA daily flight to Lisbon is among them, and\nfares start at forty euros each way.\n";
        Reading.Article("wrapped.txt", text).Paragraphs().Should().Equal(
            "The regional airport will add four new routes this summer, its operator said on Thursday.",
            "A daily flight to Lisbon is among them, and fares start at forty euros each way.");
    }

    [Fact]
    public void A_byline_and_a_dated_label_become_metadata_not_text()
    {
        var article = Reading.Article("bylined.txt", $"Airport Adds Four New Routes\nBy Ana Souza\nPublished: July 3, 2025\n\n{Body}");
        article.Byline.Should().Be("Ana Souza");
        article.Published.Should().Be(new DateTimeOffset(2025, 7, 3, 0, 0, 0, TimeSpan.Zero));
        article.Text.Should().Be(Body);
    }

    [Theory]
    [InlineData("Share this article")]
    [InlineData("Subscribe to our newsletter for daily updates")]
    [InlineData("Copyright 2025 Example Media")]
    [InlineData("Read more: Airport strike called off")]
    [InlineData("Leave a comment")]
    [InlineData("12 Comments")]
    [InlineData("Follow us on Twitter")]
    [InlineData("Advertisement")]
    public void Page_furniture_lines_are_dropped(string furniture) =>
        Reading.Article("furniture.txt", $"Airport Adds Four New Routes\n\n{Body}\n{furniture}\n").Text.Should().Be(Body);

    [Fact]
    public void A_related_block_is_dropped_until_prose_resumes()
    {
        var text = $"Airport Adds Four New Routes\n\n{Body}\n\nRelated\nStrike Threat at Northern Airports\nFares Expected to Rise in Autumn\n\nThe operator expects passenger numbers to grow by a tenth next year, it added.";
        Reading.Article("related.txt", text).Paragraphs().Should().Equal(Body, "The operator expects passenger numbers to grow by a tenth next year, it added.");
    }

    [Fact]
    public void A_real_paragraph_mentioning_comments_or_subscribers_is_kept()
    {
        var prose = "Comments from subscribers, who number more than two million, suggested the redesign had been popular with readers.";
        Reading.Article("prose.txt", $"Airport Adds Four New Routes\n\n{prose}").Text.Should().Be(prose);
    }

    [Fact]
    public void Script_tags_in_a_text_title_are_kept_as_plain_text() =>
        Reading.Article("xss.txt", $"<script>alert(1)</script> Airport Adds Routes\n\n{Body}").Title.Should().Be("<script>alert(1)</script> Airport Adds Routes");

    [Fact]
    public void Normalisation_unifies_quotes_dashes_widths_and_invisible_characters() =>
        Reading.Article("n.txt", "Title Of Story\n\n\u201CQuoted\u201D \u2018text\u2019 \u2013 with\u00A0\u00A0\uFF21\uFF22 full\u200Bwidth and soft\u00ADhyphen, plus extra   spaces here.")
            .Text.Should().Be("\"Quoted\" 'text' — with AB fullwidth and softhyphen, plus extra spaces here.");

    [Fact]
    public void Unknown_extensions_are_refused_as_unsupported() =>
        Reading.Single("notes.docx", "whatever").RejectionReason.Should().StartWith("unsupported format:");

    [Fact]
    public void An_html_page_named_txt_is_read_as_html() =>
        Reading.Article("page.txt", Samples.Html).Text.Should().Be(Samples.Body);

    [Fact]
    public void A_missing_path_is_a_rejection_not_an_exception() =>
        new ArticleReader().ReadPath("/no/such/place").Should().ContainSingle().Which.IsRejected.Should().BeTrue();

    [Fact]
    public void A_folder_is_read_recursively_in_ordinal_order_with_relative_paths()
    {
        var folder = Directory.CreateTempSubdirectory("ingest-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "b"));
            File.WriteAllText(Path.Combine(folder.FullName, "b", "one.txt"), Samples.Text);
            File.WriteAllText(Path.Combine(folder.FullName, "a.txt"), Samples.Text);
            File.WriteAllBytes(Path.Combine(folder.FullName, "B.zip"), ArchiveBuilder.Zip(("x.txt", Samples.TextBytes)));
            new ArticleReader().ReadPath(folder.FullName).Select(i => i.Path).Should().Equal("B.zip/x.txt", "a.txt", "b/one.txt");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
