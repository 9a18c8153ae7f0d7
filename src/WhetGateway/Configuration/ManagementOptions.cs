namespace WhetGateway.Configuration;

/// <summary>
/// The management listener (<c>Management</c>): where <c>/metrics</c>, <c>/readyz</c> and the operator API answer
/// when they must not share the public listener, as Envoy's admin address or Kong's status listener.
/// </summary>
internal sealed class ManagementOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Management";

    /// <summary>
    /// The management URLs, <c>;</c>-separated like <c>--urls</c>, each with a fixed port (e.g. <c>http://127.0.0.1:9901</c>).
    /// Unset (the default): those endpoints answer on the public listener.
    /// </summary>
    public string? Urls { get; set; }
}
