namespace WhetGateway.Tests.Infrastructure;

/// <summary>The system clock with its wall-clock time off by <paramref name="skew"/>, as on a host whose clock drifted; timers and elapsed time are untouched.</summary>
public sealed class SkewedTimeProvider(TimeSpan skew) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + skew;
}
