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
        var app = CreateBuilder(args).Build();
        MapApi(app, app);
        return app;
    }

    /// <summary>
    /// The sample API's builder with its services, for an app that embeds the API and adds services of its own (an
    /// idempotency middleware in-process, say) before building it and calling <see cref="MapApi"/>.
    /// </summary>
    /// <param name="args">Standard ASP.NET Core command-line arguments, for example <c>--urls http://127.0.0.1:5081</c>.</param>
    /// <returns>The builder; the application is not built.</returns>
    public static WebApplicationBuilder CreateBuilder(string[] args)
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
        return builder;
    }

    /// <summary>
    /// Adds the API's error envelopes to <paramref name="app"/>'s pipeline, after whatever middleware the app put
    /// first, and maps the API's endpoints into <paramref name="endpoints"/>: the app itself, or a group of it that the
    /// app puts conventions on.
    /// </summary>
    /// <param name="app">An application built from <see cref="CreateBuilder"/>.</param>
    /// <param name="endpoints">Where the endpoints are mapped: <paramref name="app"/> or a route group of it.</param>
    public static void MapApi(WebApplication app, IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(endpoints);
        app.UseStatusCodePages(ErrorStatusCodePages.WriteEnvelopeAsync);

        endpoints.MapPipelineEndpoints();
        endpoints.MapRunEndpoints();
        endpoints.MapPostEndpoints();
        endpoints.MapArtifactEndpoints();
        endpoints.MapAccountEndpoints();
        endpoints.MapFetchEndpoints();
        endpoints.MapDiagnosticsEndpoints();
        endpoints.MapMcp("/mcp");
        endpoints.MapJsonModeMcp("/mcp-json");
        endpoints.MapAuthEndpoints();
    }
}
