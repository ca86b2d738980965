using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NewsCluster.Benchmarks.App;

/// <summary>The real web app as a child process on 127.0.0.1 with its own SQLite file, as a user runs it.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    public const string AdminPassword = "bench-admin-password";

    private readonly Process _process;

    private AppProcess(Process process, int port, TimeSpan startup)
    {
        _process = process;
        Port = port;
        Startup = startup;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
    }

    public int Port { get; }
    public TimeSpan Startup { get; }
    public HttpClient Client { get; }

    /// <summary>Resident memory of the app right now (VmRSS), in MB.</summary>
    public double ResidentMegabytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
    }

    /// <summary>Starts the app and returns once /health answers 200 (the time to that is <see cref="Startup"/>).</summary>
    public static async Task<AppProcess> StartAsync(string webDll, string dataFolder)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [webDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__NewsCluster"] = $"Data Source={Path.Combine(dataFolder, "newscluster.db")}";
        info.Environment["NewsCluster__AdminPassword"] = AdminPassword;
        info.Environment["NewsCluster__SeedsPath"] = Path.Combine(dataFolder, "no-seeds");
        info.Environment["NewsCluster__Upload__Folder"] = Path.Combine(dataFolder, "uploads");
        info.Environment["NewsCluster__KeysFolder"] = Path.Combine(dataFolder, "keys");
        info.Environment["NewsCluster__RateLimits__UploadsPerMinute"] = "100000";
        info.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(dataFolder, "logs", "app-.log");
        info.Environment["Serilog__MinimumLevel__Override__NewsCluster.Requests"] = "Warning";

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        // The app's own account of each import (stage timings) is worth seeing beside the figures.
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line && (line.Contains("ImportRunner: Import", StringComparison.Ordinal) || line.Contains("Story index loaded", StringComparison.Ordinal))) Console.Error.WriteLine("app: " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("app: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with code {process.ExitCode} during start.");
            try
            {
                if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return new AppProcess(process, port, clock.Elapsed);
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The app did not answer /health within 3 minutes.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
