using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using WhetGateway.Configuration;
using WhetGateway.Idempotency;
using WhetGateway.Idempotency.Fingerprinting;
using WhetGateway.Idempotency.Keys;

namespace WhetGateway.Benchmarks;

/// <summary>
/// What every keyed request costs before the store is asked: finding and checking the key, and the canonical
/// fingerprint of the body, with the sample configuration's policy (body field plus an absent header).
/// </summary>
[MemoryDiagnoser]
public class RequestPathBenchmarks
{
    private readonly IdempotencyPolicy _policy = new("bench", new IdempotencyPolicyOptions { KeyHeader = "Idempotency-Key" });
    private readonly HeaderDictionary _headers = [];
    private byte[] _body = [];

    [Params(1024, 65536)]
    public int BodyBytes { get; set; }

    [GlobalSetup]
    public void Setup() => _body = SampleBodies.Json(BodyBytes);

    [Benchmark]
    public int KeyExtraction() => IdempotencyKeyReader.Read(_body, _headers, _policy).Key!.Length;

    [Benchmark]
    public ulong Fingerprint() => RequestFingerprinter.Compute(_body, bodyIsJsonObject: true, _policy.KeyField, string.Empty).Part0;

    [Benchmark]
    public ulong KeyExtractionAndFingerprint()
    {
        var key = IdempotencyKeyReader.Read(_body, _headers, _policy);
        return RequestFingerprinter.Compute(_body, key.BodyIsJsonObject, _policy.KeyField, string.Empty).Part0;
    }
}
