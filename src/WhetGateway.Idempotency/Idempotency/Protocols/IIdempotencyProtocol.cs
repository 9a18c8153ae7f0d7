using Microsoft.AspNetCore.Http;
using WhetGateway.Idempotency.Errors;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency.Protocols;

/// <summary>
/// How one wire protocol carries idempotency: where a request's key and endpoint are, which completed responses
/// are failures not worth recording, and how problems and replays are written back.
/// </summary>
internal interface IIdempotencyProtocol
{
    /// <summary>Reads a request whose (decoded) body is <paramref name="payload"/>.</summary>
    RequestIdentity Identify(HttpContext context, ReadOnlyMemory<byte> payload, IdempotencyPolicy policy);

    /// <summary>Whether a response the upstream completed reports a failure, so the claim is released instead.</summary>
    bool IsFailure(HttpContext context, ReadOnlyMemory<byte> responseBody, RequestIdentity request, IdempotencyPolicy policy);

    /// <summary>Answers <paramref name="problem"/> in the protocol's own error shape.</summary>
    Task WriteProblemAsync(HttpContext context, IdempotencyProblem problem, RequestIdentity? request);

    Task WriteReplayAsync(HttpContext context, IdempotencyRecord record, RequestIdentity request, IdempotencyPolicy policy);
}
