using Microsoft.Extensions.Configuration;

namespace WhetGateway.Idempotency;

/// <summary>The configuration section the options were bound from, watched for changes; absent when configured in code.</summary>
internal sealed record IdempotencySection(IConfigurationSection Section);
