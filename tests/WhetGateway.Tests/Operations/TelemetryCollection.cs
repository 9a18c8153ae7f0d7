namespace WhetGateway.Tests.Operations;

/// <summary>
/// Telemetry is observed by meter and activity-source name, which every gateway in the process shares, so these
/// tests run alone, after the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
