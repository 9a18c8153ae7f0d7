using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace WhetGateway.Soak;

/// <summary>
/// Mixed traffic over every gateway, as well-behaved clients send it: keyed creates retried with the same key on
/// 503, 409, 502, 504 or a dropped connection, but never after 409 <c>outcome_unknown</c> (some first attempts ask
/// the upstream to fail with 503, some to be slow); bursts of the same key sent at once through different gateways; replays checked byte for byte; reads.
/// </summary>
internal sealed class SoakTraffic(SoakOptions options, SoakTally tally) : IDisposable
{
    private const string Path = "/pipelines/from-intent";
    private const int BurstCopies = 4;
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(60);

    private readonly HttpClient[] _clients = [.. options.Gateways.Select(CreateClient)];
    private readonly ConcurrentQueue<Uri> _created = new();

    public async Task RunAsync()
    {
        var until = DateTime.UtcNow + options.Duration;
        await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(worker => Task.Run(() => WorkAsync(worker, until))));
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private static HttpClient CreateClient(Uri gateway)
    {
        var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "soak");
        return client;
    }

    private static string NewBody(out string key)
    {
        key = Guid.NewGuid().ToString("N");
        return $$"""{"handle":"soak","intent":"Soak for drafts, daily.","idempotency_key":"{{key}}"}""";
    }

    private async Task WorkAsync(int worker, DateTime until)
    {
        var random = new Random(worker);
        while (DateTime.UtcNow < until)
        {
            var roll = random.NextDouble();
            if (roll < 0.15)
            {
                await BurstAsync(random);
            }
            else if (roll < 0.25)
            {
                await ReadAsync(random);
            }
            else
            {
                await CreateAsync(random);
            }
        }
    }

    /// <summary>One create, retried until it settles; a third of the successes are replayed through another gateway.</summary>
    private async Task CreateAsync(Random random)
    {
        var body = NewBody(out var key);
        tally.Sent(key);
        var fault = random.NextDouble() switch
        {
            < 0.05 => ("X-Sample-Fail", "503"),
            < 0.10 => ("X-Sample-Delay-Ms", "300"),
            _ => default((string, string)?),
        };
        var answer = await UntilSettledAsync(random, body, fault);
        if (answer.OutcomeUnknown)
        {
            tally.Unknown(key);
        }

        if (answer.Status != 201)
        {
            return;
        }

        tally.Done(key);
        if (_created.Count < 10_000 && JsonDocument.Parse(answer.Body).RootElement.TryGetProperty("pipeline_id", out var id))
        {
            _created.Enqueue(new Uri($"/pipelines/{id.GetString()}", UriKind.Relative));
        }

        if (random.NextDouble() < 0.3)
        {
            var replay = await UntilSettledAsync(random, body, null);
            if (replay.Status != 201 || !replay.Replayed)
            {
                tally.ReplayMismatch($"a replay answered {replay.Kind}");
            }
            else if (!replay.Body.AsSpan().SequenceEqual(answer.Body))
            {
                tally.ReplayMismatch("a replay's body differed");
            }
        }
    }

    /// <summary>The same key sent several times at once through different gateways: one answer for all.</summary>
    private async Task BurstAsync(Random random)
    {
        var body = NewBody(out var key);
        tally.Sent(key);
        var answers = await Task.WhenAll(Enumerable.Range(0, BurstCopies).Select(_ => UntilSettledAsync(random, body, ("X-Sample-Delay-Ms", "150"))));
        var settled = answers.Where(answer => answer.Status == 201).ToList();
        if (settled.Count > 0)
        {
            tally.Done(key);
        }
        else if (answers.All(answer => answer.OutcomeUnknown))
        {
            // Every copy was told the same: the call may have acted, and it will not run again.
            tally.Unknown(key);
            return;
        }

        if (settled.Count < BurstCopies)
        {
            tally.ReplayMismatch($"a burst copy answered {answers.First(answer => answer.Status != 201).Kind}");
        }
        else if (settled.Skip(1).Any(answer => !answer.Body.AsSpan().SequenceEqual(settled[0].Body)))
        {
            tally.ReplayMismatch("burst copies' bodies differed");
        }
    }

    private async Task ReadAsync(Random random)
    {
        if (!_created.TryPeek(out var location))
        {
            await CreateAsync(random);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _clients[random.Next(_clients.Length)].GetAsync(location);
            tally.Count(new SoakAnswer((int)response.StatusCode, $"GET {(int)response.StatusCode}", false, [], Stopwatch.GetElapsedTime(started)));
        }
        catch (HttpRequestException exception)
        {
            tally.Count(new SoakAnswer(0, $"GET network {exception.HttpRequestError}", false, [], Stopwatch.GetElapsedTime(started)));
        }
    }

    private async Task<SoakAnswer> UntilSettledAsync(Random random, string body, (string Name, string Value)? firstAttemptHeader)
    {
        var giveUp = DateTime.UtcNow + RetryBudget;
        var header = firstAttemptHeader;
        while (true)
        {
            var answer = await SendAsync(_clients[random.Next(_clients.Length)], body, header);
            header = null;
            if (!answer.ShouldRetry || DateTime.UtcNow > giveUp)
            {
                return answer;
            }

            await Task.Delay(200 + random.Next(200));
        }
    }

    private async Task<SoakAnswer> SendAsync(HttpClient client, string body, (string Name, string Value)? header)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (header is { } extra)
        {
            request.Headers.TryAddWithoutValidation(extra.Name, extra.Value);
        }

        SoakAnswer answer;
        try
        {
            using var response = await client.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            var replayed = response.Headers.Contains("Idempotent-Replayed");
            var kind = status < 400 ? $"{status}{(replayed ? " replayed" : string.Empty)}" : $"{status} {ErrorType(bytes)}";
            answer = new SoakAnswer(status, kind, replayed, bytes, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException exception)
        {
            answer = new SoakAnswer(0, $"network {exception.HttpRequestError}", false, [], Stopwatch.GetElapsedTime(started));
        }
        catch (TaskCanceledException)
        {
            answer = new SoakAnswer(0, "client timeout", false, [], Stopwatch.GetElapsedTime(started));
        }

        tally.Count(answer);
        return answer;
    }

    private static string ErrorType(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("type", out var type)
                ? type.GetString() ?? "?"
                : "?";
        }
        catch (JsonException)
        {
            return "(not JSON)";
        }
    }
}
