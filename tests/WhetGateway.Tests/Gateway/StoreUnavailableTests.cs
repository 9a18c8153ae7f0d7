using System.Net;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Gateway;

/// <summary>
/// A store that does not answer, from the first request on: keyed requests fail closed, and are told when to retry,
/// unless the policy chooses to forward them without idempotency.
/// </summary>
public sealed class StoreUnavailableTests : UpstreamTestBase
{
    [Fact]
    public async Task Store_down_answers_503_idempotency_unavailable_asking_for_a_retry_in_one_second()
    {
        await using var gateway = await StartGatewayAsync(GatewayHost.OnUnreachableRedis());
        using var client = gateway.CreateClient();

        using var response = await client.CreatePipelineAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("idempotency_unavailable", await response.ReadErrorTypeAsync());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, Upstream.RequestsReceived);
    }

    [Fact]
    public async Task With_OnStoreUnavailable_PassThrough_store_down_forwards_every_request_without_idempotency()
    {
        await using var gateway = await StartGatewayAsync(new Dictionary<string, string?>(GatewayHost.OnUnreachableRedis())
        {
            [$"Idempotency:Policies:{GatewayHost.Policy}:OnStoreUnavailable"] = "PassThrough",
        });
        using var client = gateway.CreateClient();
        var body = Requests.CreatePipeline(Requests.NewKey());

        using var first = await client.CreatePipelineAsync(body);
        using var retry = await client.CreatePipelineAsync(body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(2, Upstream.SideEffects.Count("pipelines.create"));
    }
}
