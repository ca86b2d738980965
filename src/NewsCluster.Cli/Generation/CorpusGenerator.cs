using System.Text;
using NewsCluster.Engine.Hashing;

namespace NewsCluster.Cli.Generation;

/// <summary>One generated article and its gold story label.</summary>
internal sealed record GeneratedArticle(string FileName, string Title, string Text, string Label);

/// <summary>
/// A deterministic synthetic news corpus: base stories about many distinct events grouped in topics, their rewrites
/// (sentence reordering, synonym swaps, paraphrased leads, inserted and dropped paragraphs, added boilerplate, new
/// headlines), exact copies, and hard negatives: other events on the same topic that share the topic vocabulary and
/// some of the people. Everything derives from one <see cref="SplitMix64"/> seed, so the same arguments give the
/// same bytes.
/// </summary>
internal sealed class CorpusGenerator(int seed)
{
    private static readonly string[] Filler =
    ("the a of to in and on for with by at from as that this was were is are has have had it its their they officials said " +
     "according statement monday tuesday wednesday thursday friday weekend week month year after before during while also " +
     "new more than about over some many several two three four five first last people government public local national " +
     "report reported told sources spokesperson added expected plans would could may might however meanwhile earlier later").Split(' ');

    private static readonly string[] Boilerplate =
    [
        "Follow us on social media for the latest updates.", "Sign up for our daily newsletter.", "Read more: related coverage below.",
        "© 2025 Example Media Group. All rights reserved.", "Comments", "Previous Post Next Post", "Share this article",
    ];

    private const int Topics = 24;
    private const int TopicWords = 160;

    private readonly string[][] _topicVocabulary = BuildTopics(seed);
    private readonly Dictionary<string, string> _synonyms = new();
    private SplitMix64 _rng;

    /// <summary>Generates <paramref name="count"/> articles; file names are 000000.txt, 000001.txt, … in shuffled story order.</summary>
    public IReadOnlyList<GeneratedArticle> Generate(int count)
    {
        _rng = new SplitMix64((ulong)seed * 0x9E3779B97F4A7C15UL + 17);
        var articles = new List<(string Title, string Text, string Label)>(count);
        var events = new List<Event>();
        var storyNo = 0;
        while (articles.Count < count)
        {
            var topic = _rng.NextInt(Topics);
            // Two in five events are hard negatives: a different event on the same topic with the same main actor, often
            // the same place and half of the key vocabulary (a second court ruling on the same company a month later).
            Event? sibling = events.Count > 0 && _rng.NextDouble() < 0.4 ? events[events.Count - 1 - _rng.NextInt(Math.Min(events.Count, 50))] : null;
            if (sibling is not null) topic = sibling.Topic;
            var ev = NewEvent(topic, sibling, storyNo++);
            events.Add(ev);
            var label = $"story{ev.Number:D6}";
            var (baseTitle, baseParagraphs) = BaseArticle(ev);
            articles.Add((baseTitle, string.Join("\n\n", baseParagraphs), label));
            var rewrites = _rng.NextInt(6); // 0..5 rewrites
            for (var r = 0; r < rewrites && articles.Count < count; r++)
            {
                var (t, p) = Rewrite(ev, baseParagraphs);
                articles.Add((t, string.Join("\n\n", p), label));
                if (_rng.NextDouble() < 0.15 && articles.Count < count) articles.Add((t, string.Join("\n\n", p), label)); // exact copy
            }
            var syndicated = _rng.NextDouble() < 0.2 ? 1 + _rng.NextInt(3) : 0;
            for (var c = 0; c < syndicated && articles.Count < count; c++)
                articles.Add(Syndicate(baseTitle, baseParagraphs, label)); // syndicated near copy, other outlet's furniture
        }
        // Shuffle so that file order says nothing about the stories.
        var order = Enumerable.Range(0, articles.Count).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = _rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order.Select((k, i) => new GeneratedArticle($"{i:D6}.txt", articles[k].Title, articles[k].Text, articles[k].Label)).ToList();
    }

    /// <summary>Writes the articles under <c>dir/articles/</c> and <c>dir/labels.tsv</c> (paths relative to <c>dir/articles</c>).</summary>
    public static void Write(IReadOnlyList<GeneratedArticle> articles, string dir)
    {
        var articleDir = Path.Combine(dir, "articles");
        Directory.CreateDirectory(articleDir);
        var labels = new StringBuilder();
        foreach (var a in articles)
        {
            File.WriteAllText(Path.Combine(articleDir, a.FileName), a.Title + "\n\n" + a.Text + "\n", new UTF8Encoding(false));
            labels.Append(a.FileName).Append('\t').Append(a.Label).Append('\n');
        }
        File.WriteAllText(Path.Combine(dir, "labels.tsv"), labels.ToString(), new UTF8Encoding(false));
    }

    private static readonly string[] Outlets = ["Daily Courier", "Morning Ledger", "The Northern Post", "City Herald", "Evening Star", "Coast Times"];

    /// <summary>A syndicated copy: the agency text with another outlet's dateline, byline, furniture and a trimmed tail.</summary>
    private (string, string, string) Syndicate(string title, List<string> paragraphs, string label)
    {
        var outlet = Outlets[_rng.NextInt(Outlets.Length)];
        var body = new List<string>();
        if (_rng.NextDouble() < 0.5) body.Add($"By {Name()} {Name()}, {outlet}");
        var keep = paragraphs.Count - (_rng.NextDouble() < 0.5 ? 1 : 0);
        for (var i = 0; i < keep; i++)
            body.Add(i == 0 && _rng.NextDouble() < 0.5 ? $"{Name().ToUpperInvariant()} ({outlet}) - {paragraphs[i]}" : paragraphs[i]);
        body.Add(Boilerplate[_rng.NextInt(Boilerplate.Length)]);
        if (_rng.NextDouble() < 0.5) body.Add($"© 2025 {outlet}. All rights reserved.");
        var headline = _rng.NextDouble() < 0.3 ? title + " | " + outlet : title;
        return (headline, string.Join("\n\n", body), label);
    }

    private sealed record Event(int Number, int Topic, string[] KeyTerms, string[] People, string[] Places, string[] Numbers);

    private Event NewEvent(int topic, Event? sibling, int number)
    {
        var vocab = _topicVocabulary[topic];
        var key = Enumerable.Range(0, 14).Select(_ => vocab[_rng.NextInt(vocab.Length)]).Distinct().ToArray();
        var people = Enumerable.Range(0, 3).Select(_ => Name()).ToArray();
        var places = Enumerable.Range(0, 2).Select(_ => Name()).ToArray();
        if (sibling is not null)
        {
            people[0] = sibling.People[0];
            if (_rng.NextDouble() < 0.5) people[1] = sibling.People[1];
            if (_rng.NextDouble() < 0.7) places[0] = sibling.Places[0];
            for (var k = 0; k < Math.Min(key.Length, sibling.KeyTerms.Length) / 2; k++) key[2 * k] = sibling.KeyTerms[2 * k];
            key = key.Distinct().ToArray();
        }
        var numbers = Enumerable.Range(0, 3).Select(_ => (10 + _rng.NextInt(990)).ToString()).ToArray();
        return new Event(number, topic, key, people, places, numbers);
    }

    private (string Title, List<string> Paragraphs) BaseArticle(Event ev)
    {
        var paragraphs = new List<string>();
        var paragraphCount = 7 + _rng.NextInt(4);
        for (var p = 0; p < paragraphCount; p++)
        {
            var sentences = 2 + _rng.NextInt(2);
            paragraphs.Add(string.Join(' ', Enumerable.Range(0, sentences).Select(_ => Sentence(ev, 0.3))));
        }
        return (Headline(ev), paragraphs);
    }

    /// <summary>
    /// A rewrite by another newsroom: a new lead, most paragraphs kept but paraphrased (synonyms for most content
    /// words, each outlet picking its own; sentences restructured by moving a clause to the front; sentences
    /// reordered), some dropped, background paragraphs added, quotes reworded; it shares few word 5-grams with the base.
    /// </summary>
    private (string Title, List<string> Paragraphs) Rewrite(Event ev, List<string> baseParagraphs)
    {
        var outlet = _rng.Next();
        var paragraphs = new List<string>();
        paragraphs.Add(string.Join(' ', Enumerable.Range(0, 2).Select(_ => Sentence(ev, 0.45)))); // different lead
        foreach (var para in baseParagraphs.Skip(1))
        {
            if (_rng.NextDouble() < 0.35) continue; // dropped paragraph
            var sentences = para.Split(". ", StringSplitOptions.RemoveEmptyEntries).Select(x => x.TrimEnd('.')).ToList();
            for (var i = sentences.Count - 1; i > 0; i--) { var j = _rng.NextInt(i + 1); (sentences[i], sentences[j]) = (sentences[j], sentences[i]); }
            var rewritten = sentences.Select(x => Restructure(string.Join(' ', x.Split(' ').Select(w => SwapSynonym(w, 0.75, outlet)))));
            paragraphs.Add(string.Join(". ", rewritten) + ".");
            if (_rng.NextDouble() < 0.3) paragraphs.Add(Sentence(ev, 0.2) + " " + Sentence(ev, 0.2)); // added background
        }
        if (_rng.NextDouble() < 0.5) paragraphs.Add($"\"{Capitalise(string.Join(' ', Enumerable.Range(0, 12).Select(_ => SwapSynonym(ev.KeyTerms[_rng.NextInt(ev.KeyTerms.Length)], 0.75, outlet))))},\" {ev.People[_rng.NextInt(ev.People.Length)]} {(_rng.NextDouble() < 0.5 ? "said" : "told reporters")}.");
        for (var i = paragraphs.Count - 1; i > 1; i--)
            if (_rng.NextDouble() < 0.3) { var j = 1 + _rng.NextInt(i); (paragraphs[i], paragraphs[j]) = (paragraphs[j], paragraphs[i]); }
        if (_rng.NextDouble() < 0.5) paragraphs.Add(Boilerplate[_rng.NextInt(Boilerplate.Length)]);
        return (Headline(ev), paragraphs);
    }

    /// <summary>Moves the tail of a sentence (from a random cut) to its front: "A B, C D" becomes "C D, A B".</summary>
    private string Restructure(string sentence)
    {
        var words = sentence.Split(' ');
        if (words.Length < 8 || _rng.NextDouble() < 0.3) return Capitalise(sentence);
        var cut = 3 + _rng.NextInt(words.Length - 6);
        var first = string.Join(' ', words[cut..]);
        var second = string.Join(' ', words[..cut]);
        if (!IsName(words[0])) second = char.ToLowerInvariant(second[0]) + second[1..];
        return Capitalise(first + ", " + second);
    }

    private static bool IsName(string word) => word.Length > 0 && char.IsUpper(word[0]) && word.Skip(1).All(char.IsLower);

    private string Headline(Event ev)
    {
        var words = new List<string> { ev.People[_rng.NextInt(2)], ev.KeyTerms[_rng.NextInt(4)], ev.KeyTerms[_rng.NextInt(ev.KeyTerms.Length)], ev.Places[0] };
        words.Insert(1 + _rng.NextInt(3), Filler[_rng.NextInt(Filler.Length)]);
        words.Add(_topicVocabulary[ev.Topic][_rng.NextInt(TopicWords)]);
        return Capitalise(string.Join(' ', words));
    }

    private string Sentence(Event ev, double eventDensity)
    {
        var length = 14 + _rng.NextInt(14);
        var words = new List<string>(length);
        for (var i = 0; i < length; i++)
        {
            var roll = _rng.NextDouble();
            if (roll < eventDensity)
            {
                var pick = _rng.NextInt(10);
                words.Add(pick switch
                {
                    < 5 => ev.KeyTerms[_rng.NextInt(ev.KeyTerms.Length)],
                    < 7 => ev.People[_rng.NextInt(ev.People.Length)],
                    < 9 => ev.Places[_rng.NextInt(ev.Places.Length)],
                    _ => ev.Numbers[_rng.NextInt(ev.Numbers.Length)],
                });
            }
            else if (roll < eventDensity + 0.25) words.Add(_topicVocabulary[ev.Topic][_rng.NextInt(TopicWords)]);
            else words.Add(Filler[_rng.NextInt(Filler.Length)]);
        }
        return Capitalise(string.Join(' ', words)) + ".";
    }

    /// <summary>
    /// Each content word has three synonyms (derived from the word and the corpus seed); an outlet consistently picks
    /// one of them (from <paramref name="outlet"/>), and swaps a word with probability <paramref name="p"/>. Names
    /// (capitalised words), numbers and short function words stay.
    /// </summary>
    private string SwapSynonym(string word, double p, ulong outlet)
    {
        if (word.Length < 4 || char.IsUpper(word[0]) || char.IsDigit(word[0]) || _rng.NextDouble() >= p) return word;
        var choice = (int)(StableHash.Mix64(outlet ^ StableHash.HashToken(word)) % 3);
        var key = word + "#" + choice;
        if (!_synonyms.TryGetValue(key, out var synonym))
        {
            synonym = Syllables(StableHash.HashToken(key, (ulong)seed), 2 + choice % 2);
            _synonyms[key] = synonym;
        }
        return synonym;
    }

    private static string[][] BuildTopics(int seed)
    {
        var topics = new string[Topics][];
        for (var t = 0; t < Topics; t++)
        {
            var topicRng = new SplitMix64(StableHash.Mix64((ulong)seed * 31 + (ulong)t + 1));
            var words = new string[TopicWords];
            for (var w = 0; w < words.Length; w++) words[w] = Syllables(topicRng.Next(), 2 + (int)(topicRng.Next() % 2));
            topics[t] = words;
        }
        return topics;
    }

    private string Name() => Capitalise(Syllables(_rng.Next(), 2 + _rng.NextInt(2)));

    private static readonly string[] Onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st", "kl", "sh", "ch"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ei"];

    private static string Syllables(ulong bits, int count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            sb.Append(Onsets[(int)(bits % (ulong)Onsets.Length)]);
            bits /= (ulong)Onsets.Length;
            sb.Append(Vowels[(int)(bits % (ulong)Vowels.Length)]);
            bits /= (ulong)Vowels.Length;
        }
        sb.Append(Onsets[(int)(bits % (ulong)Onsets.Length)]);
        return sb.ToString();
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
