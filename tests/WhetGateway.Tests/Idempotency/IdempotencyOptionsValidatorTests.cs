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

    [Fact]
    public void A_jwt_scope_without_signing_key_or_authority_names_the_signing_key()
    {
        AssertFailsNaming("Idempotency:Scope:Jwt:SigningKey", Scoped(scope => scope.Source = ScopeSource.Jwt));
    }

    [Fact]
    public void A_jwt_signing_key_shorter_than_256_bits_names_it()
    {
        AssertFailsNaming("Idempotency:Scope:Jwt:SigningKey", Scoped(scope =>
        {
            scope.Source = ScopeSource.Jwt;
            scope.Jwt.SigningKey = "too-short";
        }));
    }

    [Fact]
    public void A_jwt_authority_without_an_audience_names_the_audience()
    {
        AssertFailsNaming("Idempotency:Scope:Jwt:Audience", Scoped(scope =>
        {
            scope.Source = ScopeSource.Jwt;
            scope.Jwt.Authority = "https://login.example.com/";
        }));
    }

    [Fact]
    public void A_jwt_scope_with_a_signing_key_is_valid()
    {
        var result = Validate(Scoped(scope =>
        {
            scope.Source = ScopeSource.Jwt;
            scope.Jwt.SigningKey = new string('k', JwtScopeOptions.MinSigningKeyBytes);
        }));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void An_introspection_scope_without_an_endpoint_names_it()
    {
        AssertFailsNaming("Idempotency:Scope:Introspection:Endpoint", Scoped(scope => scope.Source = ScopeSource.Introspection));
    }

    [Theory]
    [InlineData("OrganizationPath")]
    [InlineData("Method")]
    [InlineData("Timeout")]
    [InlineData("CacheDuration")]
    [InlineData("CacheSize")]
    public void An_introspection_setting_that_cannot_work_names_it(string setting)
    {
        Action<IntrospectionScopeOptions> spoil = setting switch
        {
            "OrganizationPath" => introspection => introspection.OrganizationPath = "organization..id",
            "Method" => introspection => introspection.Method = "DELETE",
            "Timeout" => introspection => introspection.Timeout = TimeSpan.Zero,
            "CacheDuration" => introspection => introspection.CacheDuration = TimeSpan.FromSeconds(-1),
            _ => introspection => introspection.CacheSize = 0,
        };

        AssertFailsNaming($"Idempotency:Scope:Introspection:{setting}", Scoped(scope =>
        {
            scope.Source = ScopeSource.Introspection;
            scope.Introspection.Endpoint = new Uri("http://127.0.0.1:5081/auth/introspect");
            spoil(scope.Introspection);
        }));
    }

    [Fact]
    public void A_header_scope_without_a_name_names_it()
    {
        AssertFailsNaming("Idempotency:Scope:Header:Name", Scoped(scope =>
        {
            scope.Source = ScopeSource.Header;
            scope.Header.Trusted = true;
        }));
    }

    [Fact]
    public void A_header_scope_that_is_not_declared_trusted_names_trusted()
    {
        AssertFailsNaming("Idempotency:Scope:Header:Trusted", Scoped(scope =>
        {
            scope.Source = ScopeSource.Header;
            scope.Header.Name = "X-Organization-Id";
        }));
    }

    [Fact]
    public void A_trusted_header_scope_with_a_name_is_valid()
    {
        var result = Validate(Scoped(scope =>
        {
            scope.Source = ScopeSource.Header;
            scope.Header.Name = "X-Organization-Id";
            scope.Header.Trusted = true;
        }));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    private static IdempotencyOptions Scoped(Action<ScopeOptions> configure)
    {
        var options = Options(new IdempotencyPolicyOptions());
        configure(options.Scope);
        return options;
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
