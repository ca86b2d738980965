using NewsCluster.Engine.Text;

namespace NewsCluster.Engine.Tests.Text;

public sealed class TokenizerTests
{
    [Fact]
    public void Latin_text_is_case_folded_and_split_on_punctuation() =>
        Tokenizer.Words("Russia's full-scale INVASION, in 2022.").Should().Equal("russia", "s", "full", "scale", "invasion", "in", "2022");

    [Fact]
    public void Cyrillic_words_stay_whole_and_are_lower_cased() =>
        Tokenizer.Words("Переговоры Москвы и Киева").Should().Equal("переговоры", "москвы", "и", "киева");

    [Fact]
    public void Arabic_and_urdu_spellings_are_unified_and_diacritics_dropped()
    {
        // Arabic yeh/kaf and Urdu yeh/keheh meet; harakat and tatweel vanish; Arabic-Indic digits become ASCII.
        Tokenizer.Words("كتاب").Should().Equal(Tokenizer.Words("کتاب"));
        Tokenizer.Words("مُـذاكرات").Should().Equal(Tokenizer.Words("مذاکرات"));
        Tokenizer.Words("پاکستان میں ۲۰۲۵").Should().Equal("پاکستان", "میں", "2025");
    }

    [Fact]
    public void Scripts_without_spaces_become_overlapping_character_bigrams() =>
        Tokenizer.Words("和平谈判 Kyiv").Should().Equal("和平", "平谈", "谈判", "kyiv");

    [Fact]
    public void Devanagari_vowel_signs_stay_inside_their_word() =>
        Tokenizer.Words("शांति वार्ता").Should().Equal("शांति", "वार्ता");

    [Fact]
    public void Numbers_are_tagged_as_numbers()
    {
        var buffer = new TokenBuffer();
        Tokenizer.Tokenize("500 soldiers", buffer);
        buffer.Tokens.ToArray().Select(t => t.Kind).Should().Equal(TokenKind.Number, TokenKind.Word);
    }
}

public sealed class EnglishStemmerTests
{
    [Theory]
    [InlineData("talks", "talk")]
    [InlineData("talking", "talk")]
    [InlineData("talked", "talk")]
    [InlineData("negotiations", "negotiation")]
    [InlineData("indicates", "indicat")]
    [InlineData("indicated", "indicat")]
    [InlineData("stopped", "stop")]
    [InlineData("countries", "country")]
    [InlineData("kyiv", "kyiv")]
    [InlineData("bus", "bus")]
    [InlineData("crisis", "crisis")]
    [InlineData("москвы", "москвы")]
    public void Light_stemming_joins_inflections_and_leaves_the_rest(string word, string stem) =>
        EnglishStemmer.Stem(word).Should().Be(stem);
}

public sealed class ArticleTextTests
{
    [Fact]
    public void Repeated_paragraphs_titles_dates_and_page_furniture_are_dropped()
    {
        const string para = "Since the onset of the war, Russia and Ukraine have regularly exchanged prisoners, including a swap of 500 soldiers.";
        var text = string.Join("\n", "Peace Talks Resume", "Tue Jul 15 2025 00:00:47 GMT+0300 (Eastern European Summer Time)", para, para,
            "MORE ON THEME", "Trump Unveils New Strategy for Ukraine, Threatens Russia with Heavy Tariffs", "Follow us",
            "© 2024 SwissX REDD UK ltd. All Rights Reserved.", "Previous Post Next Post", "Comments");
        ArticleText.BodyParagraphs("Peace Talks Resume", text).Should().Equal(para);
    }

    [Fact]
    public void A_text_made_only_of_short_lines_is_kept_rather_than_emptied() =>
        ArticleText.BodyParagraphs("t", "Short line one\nShort line two").Should().Equal("Short line one", "Short line two");
}

public sealed class StopWordTests
{
    [Theory]
    [InlineData("the", true)]
    [InlineData("и", true)]
    [InlineData("میں", true)]
    [InlineData("ceasefire", false)]
    public void Function_words_are_recognised_in_several_languages(string word, bool expected) =>
        StopWords.Contains(word).Should().Be(expected);
}
