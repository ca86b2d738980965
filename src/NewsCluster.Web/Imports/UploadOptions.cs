namespace NewsCluster.Web.Imports;

/// <summary>Server-side upload limits ("NewsCluster:Upload"); the upload page shows them before anything is sent.</summary>
public sealed class UploadOptions
{
    public long MaxRequestBytes { get; set; } = 1L << 30;
    public int MaxFilesPerRequest { get; set; } = 1000;
    /// <summary>Where uploads wait for the worker; relative paths are under the content root.</summary>
    public string Folder { get; set; } = "App_Data/uploads";
}
