using Microsoft.Extensions.Options;
using WhetGateway.Configuration;

namespace WhetGateway.Tests.Idempotency;

public sealed class IdempotencyOptionsValidatorTests
{
    private const string PolicyName = "orders";
    private const string PolicyPath = "Idempotency:Policies:" + PolicyName;

    [Fact]
    public void Defaults_with_a_default_policy_are_valid()
    {
        var result = Validate(Options(new IdempotencyPolicyOptions()));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void A_redis_store_with_a_configuration_is_valid()
    {
        var options = Options(new IdempotencyPolicyOptions());
        options.Store.Provider = StoreProvider.Redis;
        options.Store.Redis.Configuration = "127.0.0.1:6379";

        Assert.True(Validate(options).Succeeded);
    }

    [Fact]
    public void A_minimum_key_length_above_the_maximum_names_max_key_length()
    {
        AssertFailsNaming($"{PolicyPath}:MaxKeyLength", Options(new IdempotencyPolicyOptions { MinKeyLength = 40, MaxKeyLength = 32 }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_redis_store_without_a_configuration_names_it(string? configuration)
    {
        var options = Options(new IdempotencyPolicyOptions());
        options.Store.Provider = StoreProvider.Redis;
        options.Store.Redis.Configuration = configuration;

        AssertFailsNaming("Idempotency:Store:Redis:Configuration", options);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_lease_duration_that_is_not_positive_names_it(int seconds)
    {
        AssertFailsNaming($"{PolicyPath}:LeaseDuration", Options(new IdempotencyPolicyOptions { LeaseDuration = TimeSpan.FromSeconds(seconds) }));
    }

    [Fact]
    public void A_release_on_status_entry_that_is_neither_code_nor_class_names_it_and_the_entry()
    {
        var result = Validate(Options(new IdempotencyPolicyOptions { ReleaseOnStatus = ["503", "4yy"] }));

        var failure = Assert.Single(result.Failures ?? []);
        Assert.Contains($"{PolicyPath}:ReleaseOnStatus", failure, StringComparison.Ordinal);
        Assert.Contains("'4yy'", failure, StringComparison.Ordinal);
    }

    private static IdempotencyOptions Options(IdempotencyPolicyOptions policy) => new()
    {
        Policies = new Dictionary<string, IdempotencyPolicyOptions>(StringComparer.OrdinalIgnoreCase) { [PolicyName] = policy },
    };

    private static ValidateOptionsResult Validate(IdempotencyOptions options) => new IdempotencyOptionsValidator().Validate(null, options);

    private static void AssertFailsNaming(string field, IdempotencyOptions options)
    {
        var result = Validate(options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures ?? []);
        Assert.StartsWith(field + " ", failure, StringComparison.Ordinal);
    }
}
