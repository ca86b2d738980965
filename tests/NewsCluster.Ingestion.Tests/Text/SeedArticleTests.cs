using NewsCluster.Ingestion.Tests.Support;

namespace NewsCluster.Ingestion.Tests.Text;

public sealed class SeedArticleTests
{
    private static readonly Dictionary<string, ArticleDraft> Articles = new ArticleReader().ReadPath(Seeds.Folder)
        .ToDictionary(item => item.Path[..3], item => item.Article ?? throw new InvalidOperationException(item.RejectionReason));

    public static TheoryData<string> SeedNumbers => new() { "000", "001", "002", "003", "004" };

    [Theory]
    [InlineData("000", "Russia and Ukraine Show Interest in Direct Negotiations Amid Trump Push for Peace")]
    [InlineData("001", "Russia and Ukraine Indicate Willingness for Direct Talks Amid Pressure from Trump")]
    [InlineData("002", "Russia and Ukraine Show Signs of Openness to Direct Negotiations Amid U.S. Pressure")]
    [InlineData("003", "Russia and Ukraine Hint at Direct Talks Amid Trump's Push")]
    [InlineData("004", "Russia Open to Peace Negotiations with U.S. to End Ukraine Conflict")]
    public void Each_seed_gets_its_exact_title(string seed, string title) => Articles[seed].Title.Should().Be(title);

    [Fact]
    public void The_javascript_date_line_of_002_becomes_its_utc_publication_time() =>
        Articles["002"].Published.Should().Be(new DateTimeOffset(2025, 7, 14, 21, 0, 47, TimeSpan.Zero));

    [Fact]
    public void Seeds_without_a_date_line_have_no_publication_time() =>
        Articles.Where(a => a.Key != "002").Should().OnlyContain(a => a.Value.Published == null);

    [Fact]
    public void All_five_seeds_are_read_in_file_order() =>
        new ArticleReader().ReadPath(Seeds.Folder).Select(i => i.Path).Should().Equal(Seeds.Files.Select(Path.GetFileName));

    [Theory]
    [MemberData(nameof(SeedNumbers))]
    public void No_paragraph_appears_twice_in_a_body(string seed) =>
        Articles[seed].Paragraphs().Should().OnlyHaveUniqueItems();

    [Theory]
    [MemberData(nameof(SeedNumbers))]
    public void The_title_is_not_repeated_in_the_body(string seed) =>
        Articles[seed].Paragraphs().Should().NotContain(Articles[seed].Title);

    [Theory]
    [MemberData(nameof(SeedNumbers))]
    public void No_scraping_noise_reaches_a_body(string seed)
    {
        var text = Articles[seed].Text;
        foreach (var noise in new[] { "MORE ON THEME", "Previous Post", "Next Post", "Follow us", "All Rights Reserved", "©", "GMT", "Eastern European Summer Time" })
            text.Should().NotContain(noise);
        Articles[seed].Paragraphs().Should().NotContain(["Comments", "Follow us"]);
    }

    [Fact]
    public void The_summary_line_before_the_title_of_000_is_not_in_its_body() =>
        Articles["000"].Text.Should().NotContain("In a surprising development, both the Kremlin");

    [Fact]
    public void The_more_on_theme_headlines_of_002_are_removed_but_its_article_paragraphs_stay()
    {
        var body = Articles["002"];
        body.Text.Should().NotContain("Clashes Erupt Between Druze and Bedouins").And.NotContain("Macron Declares Urgent Need");
        body.Paragraphs().First().Should().StartWith("In a surprising development, both nations express tentative willingness");
        body.Paragraphs().Last().Should().StartWith("Despite the lack of formal peace discussions");
    }

    [Fact]
    public void Duplicated_paragraphs_of_000_and_003_are_kept_once_in_their_first_place()
    {
        Articles["000"].Paragraphs().Should().HaveCount(4);
        Articles["003"].Paragraphs().Should().HaveCount(4);
        Articles["003"].Paragraphs().Last().Should().StartWith("The Kremlin has reiterated its long-held position");
    }

    [Fact]
    public void Every_paragraph_of_001_survives_except_the_post_navigation()
    {
        Articles["001"].Paragraphs().Should().HaveCount(14);
        Articles["001"].Paragraphs().Last().Should().StartWith("Further attacks in Zaporizhzhia");
    }

    [Fact]
    public void Text_is_normalised_to_straight_quotes_and_keeps_the_raw_text_beside_it()
    {
        Articles["001"].Text.Should().Contain("\"ready for any conversation\"").And.NotContain("\u201C");
        Articles["001"].RawText.Should().Contain("\u201Cready for any conversation\u201D");
    }

    [Fact]
    public void The_content_hash_is_the_lower_case_sha256_of_the_cleaned_text()
    {
        var article = Articles["004"];
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(article.Text)));
        article.ContentHash.Should().Be(expected).And.MatchRegex("^[0-9a-f]{64}$");
    }

    [Fact]
    public void Seeds_carry_no_metadata_they_do_not_have() =>
        Articles.Values.Should().OnlyContain(a => a.Url == null && a.Source == null && a.Language == null && a.Byline == null);
}
