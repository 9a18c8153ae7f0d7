using WhetGateway.Storage;
using WhetGateway.Tests.Storage;

namespace WhetGateway.Tests.Idempotency;

public sealed class RecordFormatterTests
{
    private static readonly byte[] EveryByteValue = Enumerable.Range(0, 256).Select(value => (byte)value).ToArray();

    /// <summary>
    /// Lengths that cut the sample blob before or inside each of its parts: version (0), kind (1), fingerprint
    /// (2-33), created-at (34-39), status, original length, header count, a header (60), the body (last 256 bytes).
    /// </summary>
    public static TheoryData<int> TruncatedLengths()
    {
        var length = RecordFormatter.Serialize(Sample(RecordKind.Response, EveryByteValue)).Length;
        return new TheoryData<int>(0, 1, 2, 17, 33, 34, 36, 45, 60, length - 100, length - 1);
    }

    [Theory]
    [InlineData(RecordKind.Response)]
    [InlineData(RecordKind.NotReplayable)]
    [InlineData(RecordKind.Tombstone)]
    [InlineData(RecordKind.OutcomeUnknown)]
    internal void Every_field_survives_a_round_trip(RecordKind kind)
    {
        var record = Sample(kind, EveryByteValue);

        RecordAssert.Equal(record, RoundTrip(record));
    }

    [Fact]
    public void An_empty_body_survives_a_round_trip()
    {
        var record = Sample(RecordKind.Response, []);

        var copy = RoundTrip(record);

        RecordAssert.Equal(record, copy);
        Assert.True(copy.Body.IsEmpty);
    }

    [Fact]
    public void Created_at_is_kept_to_the_millisecond()
    {
        var createdAt = new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(2)).AddTicks(8979);
        var record = new IdempotencyRecord { Kind = RecordKind.Response, Fingerprint = default, CreatedAt = createdAt };

        var copy = RoundTrip(record);

        Assert.Equal(createdAt.AddTicks(-8979), copy.CreatedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void An_unknown_format_version_is_refused(byte version)
    {
        var blob = RecordFormatter.Serialize(Sample(RecordKind.Response, EveryByteValue));
        blob[0] = version;

        Assert.Throws<InvalidDataException>(() => RecordFormatter.Deserialize(blob));
    }

    [Theory]
    [MemberData(nameof(TruncatedLengths))]
    public void A_truncated_blob_is_refused(int length)
    {
        var blob = RecordFormatter.Serialize(Sample(RecordKind.Response, EveryByteValue));

        Assert.Throws<InvalidDataException>(() => RecordFormatter.Deserialize(blob[..length]));
    }

    [Fact]
    public void A_blob_with_an_overlong_integer_is_refused_as_invalid_data()
    {
        var blob = RecordFormatter.Serialize(Sample(RecordKind.Response, EveryByteValue));
        var createdAt = 2 + Fingerprint.Size;
        var damaged = blob[..createdAt].Concat(Enumerable.Repeat((byte)0xFF, 10)).Concat(blob[createdAt..]).ToArray();

        Assert.Throws<InvalidDataException>(() => RecordFormatter.Deserialize(damaged));
    }

    private static IdempotencyRecord Sample(RecordKind kind, byte[] body) =>
        StoreTestData.Record(StoreTestData.FingerprintOf(0x0123_4567_89AB_CDEF), kind, body);

    private static IdempotencyRecord RoundTrip(IdempotencyRecord record) =>
        RecordFormatter.Deserialize(RecordFormatter.Serialize(record));
}
