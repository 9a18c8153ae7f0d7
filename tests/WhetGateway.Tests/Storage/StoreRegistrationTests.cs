using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Storage;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Storage;

/// <summary>
/// <c>AddIdempotency</c>'s in-memory default and <c>AddRedisIdempotencyStore</c> each register one store for both of
/// its faces: the request path (<see cref="IIdempotencyStore"/>) and operators and probes
/// (<see cref="IIdempotencyStoreAdministration"/>), so what an operator forgets is what the requests recorded.
/// </summary>
[Collection(SharedRedisCollection.Name)]
public sealed class StoreRegistrationTests(SharedRedis redis)
{
    private const string InMemory = "in-memory";
    private const string Redis = "redis";

    private static readonly Fingerprint Fingerprint = StoreTestData.FingerprintOf(7);

    public static TheoryData<string> Stores => new(InMemory, Redis);

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_operator_interface_resolves_to_the_instance_requests_use(string store)
    {
        await using var services = Register(store);

        Assert.Same(services.GetRequiredService<IIdempotencyStore>(), services.GetRequiredService<IIdempotencyStoreAdministration>());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_operator_forget_forgets_what_a_request_recorded(string store)
    {
        await using var services = Register(store);
        var requests = services.GetRequiredService<IIdempotencyStore>();
        var id = StoreTestData.NewId();
        var claim = (await requests.BeginAsync(id, Fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None)).Claim;
        Assert.True(await requests.CompleteAsync(claim, StoreTestData.Record(Fingerprint, "recorded"), StoreTestData.RecordTtl, CancellationToken.None));

        var forgotten = await services.GetRequiredService<IIdempotencyStoreAdministration>().DeleteAsync(id, CancellationToken.None);
        var retry = await requests.BeginAsync(id, Fingerprint, StoreTestData.LongLease, rememberLapsedFor: null, CancellationToken.None);

        Assert.True(forgotten);
        Assert.Equal(BeginOutcome.Claimed, retry.Outcome);
    }

    /// <summary>An app's services with idempotency on <paramref name="store"/>, as <c>AddIdempotency</c> and the store package register it.</summary>
    private ServiceProvider Register(string store)
    {
        var services = new ServiceCollection().AddLogging().AddMetrics().AddIdempotency(_ => { });
        if (store == Redis)
        {
            services.AddRedisIdempotencyStore(options =>
            {
                options.Configuration = redis.ConnectionString;
                options.KeyPrefix = $"test:{Guid.NewGuid():N}:";
            });
        }

        return services.BuildServiceProvider(validateScopes: true);
    }
}
