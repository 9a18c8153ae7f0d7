using System.Globalization;
using System.Text;

namespace WhetGateway.Storage.Redis;

/// <summary>
/// What a record's key holds in Redis, told apart by its first byte: a claim (<c>c</c>, then the fingerprint and
/// the token, then the flags Redis appends: <see cref="MarkedFlag"/>, <see cref="AwaitedFlag"/>), an outcome_unknown
/// value an at-most-once begin wrote in a lapsed claim's place (<c>u</c>, then Redis's time in milliseconds as digits,
/// then a space and the lapsed claim, which may still complete; values written before the claim was kept end after the
/// digits and read as they did), or a record (<see cref="RecordFormatter"/>'s blob, whose version byte is neither, so
/// records written before claims moved into the record's key read as they did).
/// </summary>
internal static class RedisKeyValue
{
    public const byte ClaimTag = (byte)'c';

    public const string UnknownTag = "u";

    /// <summary>What separates an outcome_unknown value's time from the lapsed claim it names.</summary>
    public const string LapsedSeparator = " ";

    /// <summary>A claim's flag: it was taken under at-most-once, so it has a marker that completing it drops.</summary>
    public const string MarkedFlag = "m";

    /// <summary>A claim's flag: an instance waits on it, so completing or releasing it is announced.</summary>
    public const string AwaitedFlag = "w";

    /// <summary>The length of a claim before its flags.</summary>
    public const int ClaimSize = 1 + Fingerprint.Size + 16;

    public static byte[] ForClaim(Claim claim)
    {
        var value = new byte[ClaimSize];
        value[0] = ClaimTag;
        claim.Fingerprint.Write(value.AsSpan(1));
        claim.Token.TryWriteBytes(value.AsSpan(1 + Fingerprint.Size));
        return value;
    }

    public static bool IsClaim(byte[] value) => value.Length >= ClaimSize && value[0] == ClaimTag;

    /// <summary>The fingerprint of the attempt whose claim <paramref name="value"/> is.</summary>
    public static Fingerprint ClaimFingerprint(byte[] value) => Fingerprint.Read(value.AsSpan(1, Fingerprint.Size));

    /// <exception cref="StoreUnavailableException">The value is no record this gateway can read.</exception>
    public static IdempotencyRecord ReadRecord(byte[] value)
    {
        try
        {
            return value.Length > 0 && value[0] == UnknownTag[0]
                ? OutcomeUnknown.Create(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(UnknownSince(value), CultureInfo.InvariantCulture)))
                : RecordFormatter.Deserialize(value);
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or OverflowException)
        {
            throw new StoreUnavailableException("The idempotency store holds a record this gateway cannot read.", exception);
        }
    }

    /// <summary>The digits of an outcome_unknown value's time, up to the lapsed claim it may name.</summary>
    private static string UnknownSince(byte[] value)
    {
        var digits = value.AsSpan(1);
        var end = digits.IndexOf((byte)LapsedSeparator[0]);
        return Encoding.ASCII.GetString(end < 0 ? digits : digits[..end]);
    }
}
