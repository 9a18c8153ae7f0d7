using System.Text;
using WhetGateway.Storage;

namespace WhetGateway.Tests.Storage;

/// <summary>Ids, fingerprints and records for store and formatter tests.</summary>
internal static class StoreTestData
{
    /// <summary>A lease no test outlives.</summary>
    public static readonly TimeSpan LongLease = TimeSpan.FromSeconds(30);

    /// <summary>A record lifetime no test outlives.</summary>
    public static readonly TimeSpan RecordTtl = TimeSpan.FromHours(1);

    public static RecordId NewId() => RecordId.Create("scope", "POST", "/v1/orders", Guid.NewGuid().ToString("N"));

    /// <summary>A fingerprint whose every part derives from <paramref name="seed"/>, so different seeds differ.</summary>
    public static Fingerprint FingerprintOf(ulong seed) => new(seed, seed + 1, seed + 2, ulong.MaxValue - seed);

    public static IdempotencyRecord Record(Fingerprint fingerprint, string body) =>
        Record(fingerprint, RecordKind.Response, Encoding.UTF8.GetBytes(body));

    public static IdempotencyRecord Record(Fingerprint fingerprint, RecordKind kind, byte[] body) => new()
    {
        Kind = kind,
        Fingerprint = fingerprint,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_123),
        StatusCode = 201,
        Headers =
        [
            new StoredHeader("Content-Type", ["application/json; charset=utf-8"]),
            new StoredHeader("Link", ["</a>; rel=\"first\"", "</b>; rel=\"next\"", string.Empty]),
            new StoredHeader("X-Empty", []),
        ],
        Body = body,
        OriginalBodyLength = body.Length,
    };
}
