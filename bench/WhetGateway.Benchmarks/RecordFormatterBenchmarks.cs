using BenchmarkDotNet.Attributes;
using WhetGateway.Storage;

namespace WhetGateway.Benchmarks;

/// <summary>A recorded response to and from its store blob: once per first use, once per replay from Redis.</summary>
[MemoryDiagnoser]
public class RecordFormatterBenchmarks
{
    private IdempotencyRecord _record = null!;
    private byte[] _blob = [];

    [Params(1024, 65536)]
    public int BodyBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var body = SampleBodies.Json(BodyBytes);
        _record = new IdempotencyRecord
        {
            Kind = RecordKind.Response,
            Fingerprint = new Fingerprint(1, 2, 3, 4),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_123),
            StatusCode = 200,
            Headers =
            [
                new StoredHeader("Content-Type", ["application/json; charset=utf-8"]),
                new StoredHeader("Server", ["Kestrel"]),
            ],
            Body = body,
            OriginalBodyLength = body.Length,
        };
        _blob = RecordFormatter.Serialize(_record);
    }

    [Benchmark]
    public int Serialize() => RecordFormatter.Serialize(_record).Length;

    [Benchmark]
    public int Deserialize() => RecordFormatter.Deserialize(_blob).Body.Length;
}
