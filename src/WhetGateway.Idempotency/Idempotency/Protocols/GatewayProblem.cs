namespace WhetGateway.Idempotency.Protocols;

/// <summary>An error in the Agent API envelope's terms (<see cref="Responses.GatewayError"/>): the engine's own errors, and the operator API's.</summary>
/// <param name="StatusCode">The HTTP status of the REST envelope.</param>
/// <param name="Type">The error type: <c>validation_failed</c>, <c>not_found</c>, <c>request_in_progress</c>, …</param>
/// <param name="Message">A sentence for the caller.</param>
/// <param name="Param">The request field at fault, if any.</param>
/// <param name="RetryAfter">When a retry may succeed, if it may.</param>
internal sealed record GatewayProblem(int StatusCode, string Type, string Message, string? Param = null, TimeSpan? RetryAfter = null);
