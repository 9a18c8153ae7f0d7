using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using WhetGateway.SampleApi.Accounts;
using WhetGateway.SampleApi.Artifacts;
using WhetGateway.SampleApi.Auth;
using WhetGateway.SampleApi.Diagnostics;
using WhetGateway.SampleApi.Errors;
using WhetGateway.SampleApi.Fetching;
using WhetGateway.SampleApi.Mcp;
using WhetGateway.SampleApi.Pipelines;
using WhetGateway.SampleApi.Posts;
using WhetGateway.SampleApi.Runs;

namespace WhetGateway.SampleApi;

/// <summary>Builds the sample legacy API that the idempotency gateway is put in front of.</summary>
public static class SampleApiApplication
{
    /// <summary>Creates the sample API application with its in-memory state and endpoints.</summary>
    /// <param name="args">Standard ASP.NET Core command-line arguments, for example <c>--urls http://127.0.0.1:5081</c>.</param>
    /// <returns>The configured application; it is not started.</returns>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SampleApiApplication).Assembly.GetName().Name,
        });

        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        // Binding failures must produce a plain status code (turned into an error envelope below), never an exception.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        builder.Services.AddSingleton<SideEffectCounter>();
        builder.Services.AddSingleton<PipelineStore>();
        builder.Services.AddSingleton<RunRegistry>();
        builder.Services.AddSingleton<FirstAttemptFailures>();
        builder.Services.AddTransient<SampleTools>();
        builder.Services.AddMcpServer().WithHttpTransport().WithTools<SampleTools>();
        builder.Services.AddSingleton<SampleTokens>();
        builder.Services.AddSingleton<IntrospectionCounter>();

        // Tokens are optional: a valid one tells the caller's organization; none, or an invalid one, is anonymous.
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SampleTokens>((options, tokens) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = tokens.ValidationParameters;
        });

        var app = builder.Build();
        app.UseStatusCodePages(ErrorStatusCodePages.WriteEnvelopeAsync);

        app.MapPipelineEndpoints();
        app.MapRunEndpoints();
        app.MapPostEndpoints();
        app.MapArtifactEndpoints();
        app.MapAccountEndpoints();
        app.MapFetchEndpoints();
        app.MapDiagnosticsEndpoints();
        app.MapMcp("/mcp");
        app.MapJsonModeMcp("/mcp-json");
        app.MapAuthEndpoints();

        return app;
    }
}
