namespace WhetGateway.Storage.InMemory;

/// <summary>A resource's deletion in one scope, remembered until <see cref="ExpiresAt"/>.</summary>
internal readonly record struct RememberedDeletion(DateTimeOffset DeletedAt, DateTimeOffset ExpiresAt);
