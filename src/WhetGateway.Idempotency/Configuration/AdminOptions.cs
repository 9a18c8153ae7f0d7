namespace WhetGateway.Configuration;

/// <summary>The operator endpoints (<c>Idempotency:Admin</c>), off by default.</summary>
public sealed class AdminOptions
{
    /// <summary>The shortest token accepted.</summary>
    public const int MinTokenLength = 32;

    /// <summary>Serve the operator endpoints. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The bearer token operators present (<c>Authorization: Bearer …</c>); at least 32 characters.</summary>
    public string? Token { get; set; }

    /// <summary>Where the operator endpoints live. Default <c>/_whet/admin</c>.</summary>
    public string PathBase { get; set; } = "/_whet/admin";
}
