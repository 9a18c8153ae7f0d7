namespace WhetGateway.Tests.Faults;

/// <summary>
/// Tests that kill, freeze or restart processes and look at how fast the gateway answers meanwhile: they run alone,
/// after the others, so their own load is the only load they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultInjectionCollection
{
    public const string Name = "Fault injection";
}
