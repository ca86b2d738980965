namespace NewsCluster.Ingestion.Tests.Support;

/// <summary>Small valid articles in each format, for archive and encoding tests.</summary>
internal static class Samples
{
    public const string Title = "Library Extends Opening Hours for Exam Season";
    public const string Body = "The central library will stay open until midnight from Monday, the council said, after students asked for more quiet space during exams.";

    public static string Text => $"{Title}\n\n{Body}\n";

    public static string Html => $"<!doctype html><html lang=\"en\"><head><title>{Title} | City Post</title></head><body><article><p>{Body}</p></article></body></html>";

    public static byte[] TextBytes => ArchiveBuilder.Utf8(Text);

    public static byte[] HtmlBytes => ArchiveBuilder.Utf8(Html);
}
