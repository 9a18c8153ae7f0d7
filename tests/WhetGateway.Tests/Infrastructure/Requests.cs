using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>Small helpers to build the requests the specifications send.</summary>
public static class Requests
{
    /// <summary>A fresh key in the recommended shape: a UUIDv4 as 32 hex characters.</summary>
    public static string NewKey() => Guid.NewGuid().ToString("N");

    public static HttpRequestMessage Post(string path, string json, params (string Name, string Value)[] headers) => Create(HttpMethod.Post, path, json, headers);

    /// <summary>A <paramref name="method"/> request with a JSON body and <paramref name="headers"/>.</summary>
    public static HttpRequestMessage Create(HttpMethod method, string path, string json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>A from-intent request body carrying <paramref name="key"/>.</summary>
    public static string CreatePipeline(string key, string intent = "Track for analytical drafts, daily.") =>
        JsonSerializer.Serialize(new { handle = "growth_dr", intent, idempotency_key = key });

    /// <summary>Sends a from-intent request with <paramref name="body"/> (a new key each time when null).</summary>
    public static Task<HttpResponseMessage> CreatePipelineAsync(this HttpClient client, string? body = null) =>
        client.SendAsync(Post("/pipelines/from-intent", body ?? CreatePipeline(NewKey())));

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The <c>error.type</c> of a gateway or API error envelope.</summary>
    public static async Task<string?> ReadErrorTypeAsync(this HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("error").GetProperty("type").GetString();

    /// <summary>The <c>error.type</c> of a body that may or may not be an error envelope (null when it is not one).</summary>
    public static string? ErrorTypeIn(string content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("type", out var type)
                ? type.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
