using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NewsCluster.Web.Imports;

namespace NewsCluster.Web.Pages.Upload;

/// <summary>The upload form: many files or archives at once; the import itself runs in the background.</summary>
[UploadLimits]
public sealed class UploadModel(UploadService uploads, IOptions<UploadOptions> options) : PageModel
{
    /// <summary>What the readers understand, as shown to the user and given to the file picker.</summary>
    public static readonly IReadOnlyList<(string Extensions, string Meaning)> Formats =
    [
        (".txt", "plain text, title on the first line"),
        (".html, .htm", "web pages"),
        (".json, .jsonl", "article records"),
        (".zip, .tar, .tar.gz, .tgz", "archives of any of these"),
        (".gz", "a single compressed file"),
        (".warc, .warc.gz", "web archives"),
    ];

    public const string AcceptAttribute = ".txt,.html,.htm,.json,.jsonl,.zip,.tar,.gz,.tgz,.warc";

    public UploadOptions Limits => options.Value;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
            ModelState.AddModelError("files", "Choose at least one file or archive to upload.");
        else if (files.Count > Limits.MaxFilesPerRequest)
            ModelState.AddModelError("files", UploadLimitsAttribute.TooManyFilesMessage(Limits));
        else if (files.Sum(f => f.Length) > Limits.MaxRequestBytes)
            ModelState.AddModelError("files", $"The files add up to more than {FormatBytes(Limits.MaxRequestBytes)}; upload them in parts.");
        if (!ModelState.IsValid) return Page();

        var job = await uploads.AcceptAsync(files, cancellationToken);
        return RedirectToPage("/Imports/Detail", new { id = job.Id });
    }

    /// <summary>Bytes in binary units, as people read them (1 GB, 512 MB, 3.2 KB).</summary>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        var format = unit == 0 || value >= 100 || value % 1 == 0 ? "0" : "0.#";
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
