using WhetGateway.Resources;
using WhetGateway.Storage;

namespace WhetGateway.Idempotency;

/// <summary>An execution's response on its way into the store, with what tying and completing it need.</summary>
/// <param name="Execution">The keyed request that ran.</param>
/// <param name="Claim">Its claim on the key.</param>
/// <param name="ClaimStarted">When the claim was asked for, as a <see cref="TimeProvider.GetTimestamp"/>.</param>
/// <param name="Record">What to store.</param>
/// <param name="Resources">The resources the response names.</param>
internal sealed record Recording(Execution Execution, Claim Claim, long ClaimStarted, IdempotencyRecord Record, IReadOnlyList<NamedResource> Resources);
