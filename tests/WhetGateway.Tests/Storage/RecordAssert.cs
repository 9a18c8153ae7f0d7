using WhetGateway.Storage;

namespace WhetGateway.Tests.Storage;

/// <summary>Field-by-field record equality, with readable failures.</summary>
internal static class RecordAssert
{
    public static void Equal(IdempotencyRecord expected, IdempotencyRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Fingerprint, actual.Fingerprint);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Equal(expected.OriginalBodyLength, actual.OriginalBodyLength);
        Assert.Equal(expected.Headers.Select(header => header.Name), actual.Headers.Select(header => header.Name));
        for (var i = 0; i < expected.Headers.Count; i++)
        {
            Assert.Equal(expected.Headers[i].Values, actual.Headers[i].Values);
        }

        Assert.Equal(expected.Body.ToArray(), actual.Body.ToArray());
    }
}
