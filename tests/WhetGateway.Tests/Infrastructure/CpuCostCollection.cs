namespace WhetGateway.Tests.Infrastructure;

/// <summary>
/// Tests that measure the CPU time the whole test process spends on a request: they run alone, after the others,
/// so the only work they measure is their own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuCostCollection
{
    public const string Name = "CPU cost";
}
