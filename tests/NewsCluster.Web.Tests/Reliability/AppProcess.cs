using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace NewsCluster.Web.Tests.Reliability;

/// <summary>
/// The real web app as a child process (<c>dotnet NewsCluster.Web.dll</c>) on a free loopback port, with its database,
/// uploads, keys and logs in <paramref name="dataFolder"/>. Killed in <see cref="DisposeAsync"/> if still running.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string AdminPassword = "crash-test-admin-password";

    private const int SignalTerminate = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(string dataFolder)
    {
        DataFolder = dataFolder;
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(WebDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WebDll);
        var environment = start.Environment;
        environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["DOTNET_NOLOGO"] = "1";
        environment["ConnectionStrings__NewsCluster"] = $"Data Source={DatabasePath}";
        environment["NewsCluster__AdminPassword"] = AdminPassword;
        environment["NewsCluster__Upload__Folder"] = UploadFolder;
        environment["NewsCluster__KeysFolder"] = Path.Combine(dataFolder, "keys");
        environment["NewsCluster__BackupFolder"] = Path.Combine(dataFolder, "backups");
        environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(dataFolder, "logs", "newscluster-.log");
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string DataFolder { get; }

    public string DatabasePath => Path.Combine(DataFolder, "newscluster.db");

    public string UploadFolder => Path.Combine(DataFolder, "uploads");

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Console output so far, for failure messages.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The web project's build output for the same configuration as this test assembly.</summary>
    public static string WebDll
    {
        get
        {
            // tests/NewsCluster.Web.Tests/bin/<Configuration>/<tfm>/
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            var root = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(root, "src", "NewsCluster.Web", "bin", configuration, framework, "NewsCluster.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/NewsCluster.Web first: no web dll at " + dll);
        }
    }

    /// <summary>Starts the app and waits (bounded) until <c>GET /health</c> answers 200.</summary>
    public static async Task<AppProcess> StartAsync(string dataFolder)
    {
        var app = new AppProcess(dataFolder);
        try
        {
            await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
    }

    /// <summary>SIGTERM, as from systemd or docker stop, then waits (bounded) for the process to exit.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (Kill(_process.Id, SignalTerminate) != 0) throw new InvalidOperationException("kill(SIGTERM) failed: errno " + Marshal.GetLastPInvokeError());
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode} before it was ready:\n{Output}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first answer; try again.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app did not answer /health within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
