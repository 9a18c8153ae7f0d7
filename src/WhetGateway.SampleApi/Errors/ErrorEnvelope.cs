namespace WhetGateway.SampleApi.Errors;

/// <summary>The body of every error response: <c>{"error":{...}}</c>.</summary>
internal sealed record ErrorEnvelope(ErrorDetail Error)
{
    public static ErrorEnvelope Of(string type, string message, string? param = null) =>
        new(new ErrorDetail(type, message, param));
}
