using NewsCluster.Ingestion.Tests.Support;

namespace NewsCluster.Ingestion.Tests.Json;

public sealed class JsonArticleTests
{
    private const string Body = "The council voted on Tuesday to expand the tram line, with construction due to start next spring and finish in 2027.";

    [Fact]
    public void A_single_object_becomes_one_article_with_every_field()
    {
        var json = $$"""{"title":"Tram Line Expansion Approved","text":"{{Body}}","url":"https://news.example/tram","published":"2025-02-03T09:00:00+01:00","site":"Example News","author":{"name":"Jo Park"},"lang":"de_AT"}""";
        var article = Reading.Article("one.json", json);
        article.Title.Should().Be("Tram Line Expansion Approved");
        article.Text.Should().Be(Body);
        article.Url.Should().Be("https://news.example/tram");
        article.Published.Should().Be(new DateTimeOffset(2025, 2, 3, 8, 0, 0, TimeSpan.Zero));
        article.Source.Should().Be("Example News");
        article.Byline.Should().Be("Jo Park");
        article.Language.Should().Be("de-AT");
    }

    [Fact]
    public void Each_array_element_is_an_item_named_by_its_index()
    {
        var json = $$"""[{"title":"First Story Here","content":"{{Body}}"},{"headline":"Second Story Here","body":"{{Body}} More."}]""";
        var items = Reading.Items("dump.json", json);
        items.Select(i => i.Path).Should().Equal("dump.json#0", "dump.json#1");
        items.Select(i => i.Article!.Title).Should().Equal("First Story Here", "Second Story Here");
    }

    [Fact]
    public void One_bad_line_of_json_lines_costs_only_that_line()
    {
        var lines = $$"""
            {"title":"First Story Here","text":"{{Body}}"}
            {"title":"Broken", "text": "unterminated
            {"title":"Third Story Here","text":"{{Body}}"}

            [1, 2]
            {"title":"No Body"}
            """;
        var items = Reading.Items("dump.jsonl", lines);
        items.Select(i => i.Path).Should().Equal("dump.jsonl#1", "dump.jsonl#2", "dump.jsonl#3", "dump.jsonl#5", "dump.jsonl#6");
        items[0].IsRejected.Should().BeFalse();
        items[1].RejectionReason.Should().StartWith("malformed JSON:");
        items[2].Article!.Title.Should().Be("Third Story Here");
        items[3].RejectionReason.Should().StartWith("malformed JSON:").And.Contain("array");
        items[4].RejectionReason.Should().StartWith("no article text:");
    }

    [Fact]
    public void An_html_field_goes_through_the_html_extractor()
    {
        var json = $$"""{"url":"https://x.example/a","html":"<html><head><meta property='og:title' content='Html Record Title'></head><body><nav>Menu</nav><p>{{Body}}</p></body></html>"}""";
        var article = Reading.Article("page.json", json);
        article.Title.Should().Be("Html Record Title");
        article.Text.Should().Be(Body);
        article.Url.Should().Be("https://x.example/a");
    }

    [Fact]
    public void A_text_field_holding_markup_is_read_as_html() =>
        Reading.Article("markup.json", $$"""{"title":"Markup In Text","text":"<p>{{Body}}</p><p>Second paragraph of the story is here.</p>"}""")
            .Paragraphs().Should().Equal(Body, "Second paragraph of the story is here.");

    [Fact]
    public void A_record_without_a_title_takes_it_from_the_text() =>
        Reading.Article("untitled.json", $$"""{"text":"Tram Line Expansion Approved\n\n{{Body}}"}""").Title.Should().Be("Tram Line Expansion Approved");

    [Fact]
    public void Unix_time_in_milliseconds_is_a_date() =>
        Reading.Article("ms.json", $$"""{"title":"T Story Title","text":"{{Body}}","timestamp":1700000000000}""")
            .Published.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    [Fact]
    public void A_truncated_array_keeps_the_records_before_the_break()
    {
        var json = $$"""[{"title":"First Story Here","text":"{{Body}}"},{"title":"Second","te""";
        var items = Reading.Items("cut.json", json);
        items.Should().HaveCount(2);
        items[0].IsRejected.Should().BeFalse();
        items[1].Path.Should().Be("cut.json#1");
        items[1].RejectionReason.Should().StartWith("malformed JSON:");
    }

    [Theory]
    [InlineData("{\"title\": ")]
    [InlineData("\"just a string\"")]
    [InlineData("not json at all {")]
    public void Malformed_or_non_object_json_is_refused_as_malformed(string json) =>
        Reading.Single("bad.json", json).RejectionReason.Should().StartWith("malformed JSON:");

    [Fact]
    public void Deeply_nested_json_is_refused_without_overflowing()
    {
        var json = "{\"title\":\"Deep\",\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        Reading.Single("deep.json", json).RejectionReason.Should().StartWith("malformed JSON:");
    }

    [Fact]
    public void Concatenated_objects_in_a_json_file_are_read_as_lines()
    {
        var json = $$"""{"title":"First Story Here","text":"{{Body}}"}""" + "\n" + $$"""{"title":"Second Story Here","text":"{{Body}}"}""";
        Reading.Items("many.json", json).Select(i => i.Path).Should().Equal("many.json#1", "many.json#2");
    }

    [Fact]
    public void A_json_lines_line_over_the_entry_limit_is_refused_and_the_next_one_read()
    {
        var limits = new IngestionLimits { MaxEntryBytes = 1000 };
        var lines = $$"""{"title":"Long","text":"{{new string('x', 2000)}}"}""" + "\n" + $$"""{"title":"Short Story Title","text":"{{Body}}"}""";
        var items = Reading.Items("big.jsonl", lines, limits);
        items[0].RejectionReason.Should().StartWith("too large:");
        items[1].Article!.Title.Should().Be("Short Story Title");
    }

    [Fact]
    public void Utf16_json_lines_with_a_byte_order_mark_are_read()
    {
        var text = $$"""{"title":"Wide Story Title","text":"{{Body}} Zürich."}""" + "\n";
        var bytes = System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes(text)).ToArray();
        Reading.Article("wide.jsonl", bytes).Text.Should().EndWith("Zürich.");
    }

    [Fact]
    public void An_empty_json_file_is_refused_as_empty() => Reading.Single("empty.json", "").RejectionReason.Should().StartWith("empty:");

    [Fact]
    public void Binary_junk_named_jsonl_is_refused_per_line_not_crashing()
    {
        var items = Reading.Items("junk.jsonl", [0x00, 0xFF, 0x13, 0x0A, 0x00, 0x01]);
        items.Should().NotBeEmpty().And.OnlyContain(i => i.IsRejected);
    }
}
