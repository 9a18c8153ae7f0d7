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
    RequestIdentity Identify(IdempotencyContext context, ReadOnlyMemory<byte> payload);

    /// <summary>Whether a response the upstream completed reports a failure, so the claim is released instead.</summary>
    bool IsFailure(IdempotencyContext context, ReadOnlyMemory<byte> responseBody);

    /// <summary>Answers <paramref name="problem"/> in the protocol's own error shape.</summary>
    Task WriteProblemAsync(IdempotencyContext context, IdempotencyProblem problem);

    /// <summary>Answers with the recorded response.</summary>
    Task WriteReplayAsync(IdempotencyContext context, IdempotencyRecord record);
}
