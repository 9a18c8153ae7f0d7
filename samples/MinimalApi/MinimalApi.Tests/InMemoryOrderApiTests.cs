namespace MinimalApi.Tests;

/// <summary>The sample on the default store: records in the app's memory.</summary>
public sealed class InMemoryOrderApiTests : OrderApiSpec
{
    protected override string? RedisConfiguration => null;
}
