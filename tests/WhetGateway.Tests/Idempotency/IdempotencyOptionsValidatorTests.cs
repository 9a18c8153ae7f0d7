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
    public void A_guarantee_that_is_neither_at_least_once_nor_at_most_once_names_it()
    {
        AssertFailsNaming($"{PolicyPath}:Guarantee", Options(new IdempotencyPolicyOptions { Guarantee = (DeliveryGuarantee)7 }));
    }

    [Fact]
    public void An_error_format_that_is_neither_agent_api_nor_problem_details_names_it()
    {
        var options = Options(new IdempotencyPolicyOptions());
        options.ErrorFormat = (IdempotencyErrorFormat)7;

        AssertFailsNaming("Idempotency:ErrorFormat", options);
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
    public void An_in_memory_size_limit_that_is_not_positive_names_it(long bytes)
    {
        var options = Options(new IdempotencyPolicyOptions());
        options.Store.InMemory.SizeLimitBytes = bytes;

        AssertFailsNaming("Idempotency:Store:InMemory:SizeLimitBytes", options);
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

    [Theory]
    [InlineData("Jwt:SigningKey", "neither key nor authority")]
    [InlineData("Jwt:SigningKey", "short key")]
    [InlineData("Jwt:Audience", "authority without audience")]
    [InlineData("Introspection:Endpoint", "no endpoint")]
    [InlineData("Introspection:OrganizationPath", "empty path segment")]
    [InlineData("Introspection:Method", "DELETE")]
    [InlineData("Introspection:Timeout", "zero timeout")]
    [InlineData("Introspection:CacheDuration", "negative cache duration")]
    [InlineData("Introspection:CacheSize", "no cache")]
    [InlineData("Introspection:NegativeCacheDuration", "zero negative cache duration")]
    [InlineData("Introspection:MaxConcurrentCalls", "no calls")]
    [InlineData("Header:Name", "no name")]
    [InlineData("Header:Trusted", "not trusted")]
    public void A_scope_setting_that_cannot_work_names_it(string field, string fault)
    {
        Action<ScopeOptions> spoil = fault switch
        {
            "neither key nor authority" => scope => scope.Jwt.SigningKey = null,
            "short key" => scope => scope.Jwt.SigningKey = "too-short",
            "authority without audience" => scope => (scope.Jwt.SigningKey, scope.Jwt.Authority) = (null, "https://login.example.com/"),
            "no endpoint" => scope => scope.Introspection.Endpoint = null,
            "empty path segment" => scope => scope.Introspection.OrganizationPath = "organization..id",
            "DELETE" => scope => scope.Introspection.Method = "DELETE",
            "zero timeout" => scope => scope.Introspection.Timeout = TimeSpan.Zero,
            "negative cache duration" => scope => scope.Introspection.CacheDuration = TimeSpan.FromSeconds(-1),
            "no cache" => scope => scope.Introspection.CacheSize = 0,
            "zero negative cache duration" => scope => scope.Introspection.NegativeCacheDuration = TimeSpan.Zero,
            "no calls" => scope => scope.Introspection.MaxConcurrentCalls = 0,
            "no name" => scope => scope.Header.Name = null,
            _ => scope => scope.Header.Trusted = false,
        };
        var source = Enum.Parse<ScopeSource>(field[..field.IndexOf(':', StringComparison.Ordinal)]);

        AssertFailsNaming($"Idempotency:Scope:{field}", Scoped(source, spoil));
    }

    [Theory]
    [InlineData(ScopeSource.Credential)]
    [InlineData(ScopeSource.Jwt)]
    [InlineData(ScopeSource.Introspection)]
    [InlineData(ScopeSource.Header)]
    [InlineData(ScopeSource.Global)]
    public void Each_scope_source_with_its_required_settings_is_valid(ScopeSource source)
    {
        var result = Validate(Scoped(source, _ => { }));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void A_jwt_scope_with_an_authority_and_an_audience_is_valid()
    {
        var result = Validate(Scoped(ScopeSource.Jwt, scope => (scope.Jwt.SigningKey, scope.Jwt.Authority, scope.Jwt.Audience) = (null, "https://login.example.com/", "whet")));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void The_published_demo_signing_key_without_the_demo_switch_names_the_key_and_the_switch()
    {
        var result = Validate(Scoped(ScopeSource.Jwt, scope => scope.Jwt.SigningKey = DemoSigningKey.Value));

        var failure = Assert.Single(result.Failures ?? []);
        Assert.StartsWith("Idempotency:Scope:Jwt:SigningKey ", failure, StringComparison.Ordinal);
        Assert.Contains("Idempotency:Scope:Jwt:AllowDemoSigningKey", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void The_published_demo_signing_key_with_the_demo_switch_is_valid()
    {
        var result = Validate(Scoped(ScopeSource.Jwt, scope => (scope.Jwt.SigningKey, scope.Jwt.AllowDemoSigningKey) = (DemoSigningKey.Value, true)));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void A_signing_key_together_with_an_authority_names_both()
    {
        var result = Validate(Scoped(ScopeSource.Jwt, scope => (scope.Jwt.Authority, scope.Jwt.Audience) = ("https://login.example.com/", "whet")));

        var failure = Assert.Single(result.Failures ?? []);
        Assert.Contains("Idempotency:Scope:Jwt:SigningKey", failure, StringComparison.Ordinal);
        Assert.Contains("Idempotency:Scope:Jwt:Authority", failure, StringComparison.Ordinal);
    }

    /// <summary>Options whose scope uses <paramref name="source"/> with every setting it requires, then <paramref name="spoil"/>.</summary>
    private static IdempotencyOptions Scoped(ScopeSource source, Action<ScopeOptions> spoil)
    {
        var options = Options(new IdempotencyPolicyOptions());
        options.Scope.Source = source;
        options.Scope.Jwt.SigningKey = new string('k', JwtScopeOptions.MinSigningKeyBytes);
        options.Scope.Introspection.Endpoint = new Uri("http://127.0.0.1:5081/auth/introspect");
        options.Scope.Header.Name = "X-Organization-Id";
        options.Scope.Header.Trusted = true;
        spoil(options.Scope);
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
