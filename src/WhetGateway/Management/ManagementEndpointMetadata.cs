namespace WhetGateway.Management;

/// <summary>
/// Marks the gateway's own operations endpoints. Once a management listener is configured, they answer there and, unless
/// <see cref="AlsoOnPublicListener"/>, nowhere else; that listener answers nothing else.
/// </summary>
internal sealed class ManagementEndpointMetadata
{
    /// <summary>For what must not face the internet: metrics, readiness, the operator API.</summary>
    public static readonly ManagementEndpointMetadata ManagementOnly = new(alsoOnPublicListener: false);

    /// <summary>For liveness, which probes may reach through either listener and which tells nothing.</summary>
    public static readonly ManagementEndpointMetadata Everywhere = new(alsoOnPublicListener: true);

    private ManagementEndpointMetadata(bool alsoOnPublicListener) => AlsoOnPublicListener = alsoOnPublicListener;

    /// <summary>Whether the endpoint also answers on the public listener when a management listener is configured.</summary>
    public bool AlsoOnPublicListener { get; }
}
