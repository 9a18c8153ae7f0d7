using WhetGateway.Resources;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency;

/// <summary>
/// A claimed request's response on its way into the store, with what tying and completing it need. It holds no
/// <see cref="IdempotencyContext"/>: a record the store did not take is offered again after the request has ended.
/// </summary>
/// <param name="Policy">The policy the request ran under.</param>
/// <param name="Scope">The caller's scope.</param>
/// <param name="Claim">Its claim on the key.</param>
/// <param name="ClaimStarted">When the claim was asked for, as a <see cref="TimeProvider.GetTimestamp"/>.</param>
/// <param name="Record">What to store.</param>
/// <param name="Resources">The resources the response names.</param>
internal sealed record Recording(IdempotencyPolicy Policy, string Scope, Claim Claim, long ClaimStarted, IdempotencyRecord Record, IReadOnlyList<NamedResource> Resources);
