using Microsoft.Extensions.Internal;

namespace WhetGateway.Scoping;

/// <summary>
/// The gateway's <see cref="TimeProvider"/> as the clock a <c>MemoryCache</c> expires its entries by, so cached
/// answers age on the same clock as everything else (and tests can move it).
/// </summary>
internal sealed class TimeProviderClock(TimeProvider time) : ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
