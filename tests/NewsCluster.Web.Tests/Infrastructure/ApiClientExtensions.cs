using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace NewsCluster.Web.Tests.Infrastructure;

public static class ApiClientExtensions
{
    /// <summary>Posts files to /api/imports as the multipart field 'files'.</summary>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        return client.PostAsync("/api/imports", form);
    }

    /// <summary>Polls an import until it is done or failed (bounded: gives up after <paramref name="timeout"/>).</summary>
    public static async Task<JsonElement> WaitForImportAsync(this HttpClient client, long id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var import = await client.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");
            var status = import.GetProperty("status").GetString();
            if (status is "done" or "failed") return import;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Import {id} still '{status}' after the timeout.");
            await Task.Delay(50);
        }
    }
}
