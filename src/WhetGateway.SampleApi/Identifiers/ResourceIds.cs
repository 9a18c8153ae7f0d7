using System.Security.Cryptography;

namespace WhetGateway.SampleApi.Identifiers;

/// <summary>Generates random identifiers such as <c>pl_3f9a0c1d2e4b5a69</c>.</summary>
internal static class ResourceIds
{
    public static string New(string prefix) => $"{prefix}_{RandomHex(8)}";

    public static string RandomHex(int byteCount) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(byteCount));
}
