using System.Net;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>
/// Keyed traffic as a well-behaved client sends it, for tests that break things under load: each worker creates
/// pipelines one key after another, round-robin over the clients, and retries a key with the same body while the
/// gateway answers 503 or 409 or the connection fails. Every request is kept as a <see cref="KeyedAttempt"/>.
/// </summary>
public sealed class KeyedTraffic
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    private readonly IReadOnlyList<HttpClient> _clients;
    private readonly List<KeyedAttempt> _attempts = [];
    private readonly Task[] _workers;
    private volatile bool _stopping;

    private KeyedTraffic(IReadOnlyList<HttpClient> clients, int workers)
    {
        _clients = clients;
        _workers = [.. Enumerable.Range(0, workers).Select(worker => Task.Run(() => RunWorkerAsync(worker)))];
    }

    public static KeyedTraffic Start(IReadOnlyList<HttpClient> clients, int workers) => new(clients, workers);

    /// <summary>Waits until <paramref name="count"/> keys were executed by requests sent after <paramref name="since"/>.</summary>
    public Task<bool> WaitForExecutionsSinceAsync(DateTime since, int count, TimeSpan limit) =>
        WaitForAttemptsSinceAsync(since, attempt => attempt.Executed, count, limit);

    /// <summary>Waits until <paramref name="count"/> requests sent after <paramref name="since"/> were answered as <paramref name="answered"/> says.</summary>
    public async Task<bool> WaitForAttemptsSinceAsync(DateTime since, Func<KeyedAttempt, bool> answered, int count, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Snapshot().Count(attempt => attempt.Started >= since && answered(attempt)) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Lets every worker finish the key it is on (retrying as needed), then returns every attempt.</summary>
    public async Task<IReadOnlyList<KeyedAttempt>> StopAsync()
    {
        _stopping = true;
        await Task.WhenAll(_workers);
        return Snapshot();
    }

    private List<KeyedAttempt> Snapshot()
    {
        lock (_attempts)
        {
            return [.. _attempts];
        }
    }

    private async Task RunWorkerAsync(int worker)
    {
        var sent = worker;
        while (!_stopping)
        {
            var key = Requests.NewKey();
            var body = Requests.CreatePipeline(key);
            while (true)
            {
                var attempt = await SendAsync(_clients[sent++ % _clients.Count], key, body);
                lock (_attempts)
                {
                    _attempts.Add(attempt);
                }

                if (attempt.Status is not (null or HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict))
                {
                    break;
                }

                await Task.Delay(RetryPause);
            }
        }
    }

    private static async Task<KeyedAttempt> SendAsync(HttpClient client, string key, string body)
    {
        var started = DateTime.UtcNow;
        try
        {
            using var response = await client.SendAsync(Requests.Post("/pipelines/from-intent", body));
            var content = await response.Content.ReadAsStringAsync();
            return new KeyedAttempt(key, started, DateTime.UtcNow, response.StatusCode, Requests.ErrorTypeIn(content), response.Headers.Contains("Idempotent-Replayed"));
        }
        catch (HttpRequestException)
        {
            return new KeyedAttempt(key, started, DateTime.UtcNow, null, null, false);
        }
    }
}
