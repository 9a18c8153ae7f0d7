namespace WhetGateway.SampleApi.Auth;

/// <summary>Counts the calls to <c>/auth/introspect</c> as they arrive, so tests can prove how often a gateway asked.</summary>
public sealed class IntrospectionCounter
{
    private long _calls;

    /// <summary>Gets the number of introspection calls received so far, answered or not yet.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    internal void Record() => Interlocked.Increment(ref _calls);
}
