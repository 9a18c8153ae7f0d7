namespace WhetGateway.Tests.Faults;

/// <summary>
/// Tests that kill, freeze or restart processes and look at how fast the gateway answers meanwhile: they run alone,
/// after the others, so their own load is the only load they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultInjectionCollection
{
    public const string Name = "Fault injection";

    /// <summary>
    /// How long a keyed request may take to be refused while Redis is dead or frozen: the store's
    /// <c>OperationTimeout</c> (1 s by default), plus StackExchange.Redis's 1 s timeout heartbeat, plus slack for a
    /// busy machine. Typically it is a few milliseconds (dead) or under two seconds (frozen).
    /// </summary>
    public static readonly TimeSpan StoreRefusalBound = TimeSpan.FromSeconds(4);
}
