using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real SQLite file in a private temp folder. Pass an existing folder to start a second
/// instance on the same database (restart tests); the folder is deleted by whoever created it.
/// </summary>
public sealed class NewsAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsFolder;
    private readonly List<(string Key, string Value)> _settings = [];
    private readonly List<Action<IWebHostBuilder>> _hostChanges = [];

    public NewsAppFactory()
        : this(null)
    {
    }

    private NewsAppFactory(string? dataFolder, bool useKestrel = false)
    {
        _ownsFolder = dataFolder is null;
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("newscluster-test-").FullName;
        if (useKestrel) UseKestrel(0);
    }

    /// <summary>A second app on an existing data folder, as after a restart.</summary>
    public static NewsAppFactory OnFolder(string dataFolder) => new(dataFolder);

    /// <summary>An app served by Kestrel on a free 127.0.0.1 port, for the browser.</summary>
    public static NewsAppFactory WithKestrel() => new(null, useKestrel: true);

    public string DataFolder { get; }

    /// <summary>Adds configuration on top of the test defaults (e.g. low limits); call before the first client.</summary>
    public NewsAppFactory WithSetting(string key, string value)
    {
        _settings.Add((key, value));
        return this;
    }

    /// <summary>Changes the host for one test (e.g. a test-only endpoint through an <c>IStartupFilter</c>).</summary>
    public NewsAppFactory WithHost(Action<IWebHostBuilder> change)
    {
        _hostChanges.Add(change);
        return this;
    }

    public string DatabasePath => Path.Combine(DataFolder, "newscluster.db");

    public string UploadFolder => Path.Combine(DataFolder, "uploads");

    public const string AdminPassword = "test-admin-password";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the build's compressed assets (obj/) are only found through the static web assets manifest.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:NewsCluster", $"Data Source={DatabasePath}");
        // Not UseSetting: its provider answers "" for the parent keys, so Serilog took 'WriteTo:1' for a plain
        // string and silently dropped the file sink.
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(
            [new KeyValuePair<string, string?>("Serilog:WriteTo:1:Args:path", Path.Combine(DataFolder, "logs", "newscluster-.log"))]));
        builder.UseSetting("NewsCluster:AdminPassword", AdminPassword);
        builder.UseSetting("NewsCluster:KeysFolder", Path.Combine(DataFolder, "keys"));
        builder.UseSetting("NewsCluster:BackupFolder", Path.Combine(DataFolder, "backups"));
        builder.UseSetting("NewsCluster:Upload:Folder", Path.Combine(DataFolder, "uploads"));
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        foreach (var change in _hostChanges) change(builder);
    }

    /// <summary>Runs <paramref name="query"/> against the app's own DbContext.</summary>
    public async Task<T> WithDbAsync<T>(Func<NewsDbContext, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<NewsDbContext>());
    }

    /// <summary>A client that sends the admin editor's credentials with HTTP Basic.</summary>
    public HttpClient CreateEditorClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin:" + AdminPassword)));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (disposing && _ownsFolder) TryDelete(DataFolder);
    }

    public static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a lingering handle only leaves a temp folder behind */ }
    }
}
