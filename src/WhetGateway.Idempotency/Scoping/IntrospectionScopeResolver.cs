using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using WhetGateway.Configuration;
using WhetGateway.Json;

namespace WhetGateway.Scoping;

/// <summary>
/// Asks a configured endpoint which organization the caller's credential belongs to, sending it the credential
/// header. Answers naming an organization are cached per SHA-256 of the credential for <c>CacheDuration</c> (at
/// most the answer's <c>exp</c>); concurrent first requests with one credential share one call. A failed, slow (past
/// <c>Timeout</c>) or inactive answer gives no scope (the request goes on without idempotency, and only requests
/// with that credential wait for it), and is remembered for <c>NegativeCacheDuration</c>, so a credential repeated
/// costs one call per that long. Both caches are bounded and age on the gateway's clock. Distinct credentials miss
/// every cache, so at most <c>MaxConcurrentCalls</c> calls are in flight: a request needing one more gets no scope
/// at once, and what a flood of made-up credentials costs the endpoint is bounded by that number, not by its rate.
/// </summary>
internal sealed class IntrospectionScopeResolver : IScopeResolver, IDisposable
{
    /// <summary>The named <see cref="HttpClient"/> the calls go through.</summary>
    public const string HttpClientName = "WhetGateway.ScopeIntrospection";

    /// <summary>The largest answer read; a larger one is a failure.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    private readonly IntrospectionScopeOptions _options;
    private readonly JsonFieldPath _organizationPath;
    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly ILogger<IntrospectionScopeResolver> _logger;
    private readonly MemoryCache _cache;
    private readonly MemoryCache _noScope;
    private readonly ConcurrencyLimiter _calls;
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _inFlight = new(StringComparer.Ordinal);

    public IntrospectionScopeResolver(IntrospectionScopeOptions options, IHttpClientFactory clients, TimeProvider time, ILogger<IntrospectionScopeResolver> logger)
    {
        _options = options;
        _organizationPath = new JsonFieldPath(options.OrganizationPath);
        _clients = clients;
        _time = time;
        _logger = logger;
        var clock = new TimeProviderClock(time);
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.CacheSize, Clock = clock });
        _noScope = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.CacheSize, Clock = clock });
        _calls = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrentCalls, QueueLimit = 0 });
    }

    /// <summary>The hint is the organization id.</summary>
    public string ScopeFor(string hint) => OrganizationScope.Of(hint)!;

    public async ValueTask<string?> ResolveAsync(HttpContext context)
    {
        if (RequestCredential.Read(context.Request, _options.CredentialHeader) is not { } credential)
        {
            return null;
        }

        var credentialHash = RequestCredential.Hash(credential);
        if (_cache.TryGetValue(credentialHash, out string? scope))
        {
            return scope;
        }

        if (_noScope.TryGetValue(credentialHash, out _))
        {
            return null;
        }

        var call = _inFlight.GetOrAdd(credentialHash, hash => new Lazy<Task<string?>>(() => IntrospectOnceAsync(hash, credential)));
        return await call.Value.WaitAsync(context.RequestAborted);
    }

    public void Dispose()
    {
        _cache.Dispose();
        _noScope.Dispose();
        _calls.Dispose();
    }

    private async Task<string?> IntrospectOnceAsync(string credentialHash, string credential)
    {
        try
        {
            // Not remembered: this credential was not asked about, only turned away while the endpoint was busy.
            using var permit = _calls.AttemptAcquire();
            if (!permit.IsAcquired)
            {
                _logger.IntrospectionCallsExhausted(_options.MaxConcurrentCalls);
                return null;
            }

            var answer = await IntrospectAsync(credential);
            var scope = OrganizationScope.Of(answer?.Organization);
            var untilExpiry = answer?.ExpiresAt - _time.GetUtcNow();
            var lifetime = untilExpiry < _options.CacheDuration ? untilExpiry.Value : _options.CacheDuration;
            if (scope is null || lifetime <= TimeSpan.Zero)
            {
                _logger.IntrospectionNamedNoOrganization();
                _noScope.Set(credentialHash, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _options.NegativeCacheDuration });
                return null;
            }

            _cache.Set(credentialHash, scope, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
            return scope;
        }
        finally
        {
            _inFlight.TryRemove(credentialHash, out _);
        }
    }

    private async Task<IntrospectionAnswer?> IntrospectAsync(string credential)
    {
        using var request = new HttpRequestMessage(new HttpMethod(_options.Method.ToUpperInvariant()), _options.Endpoint);
        request.Headers.TryAddWithoutValidation(_options.CredentialHeader, credential);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await _clients.CreateClient(HttpClientName).SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                _logger.IntrospectionRefused((int)response.StatusCode);
                return null;
            }

            return IntrospectionAnswer.Parse(await response.Content.ReadAsByteArrayAsync(), _organizationPath);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or JsonException)
        {
            _logger.IntrospectionFailed(exception);
            return null;
        }
    }
}
