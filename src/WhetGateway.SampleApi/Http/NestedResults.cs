namespace WhetGateway.SampleApi.Http;

/// <summary>Helpers for inspecting what an endpoint handler returned.</summary>
internal static class NestedResults
{
    /// <summary>Returns the concrete result wrapped by a <c>Results&lt;...&gt;</c> union, or the value itself.</summary>
    public static object? Unwrap(object? result) => result is INestedHttpResult nested ? nested.Result : result;
}
