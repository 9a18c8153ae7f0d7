using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Idempotency.Errors;

namespace WhetGateway.Idempotency.Responses;

/// <summary>
/// The engine's own errors as RFC 9457 problem details (<c>application/problem+json</c>), written through the app's
/// <see cref="IProblemDetailsService"/> so its customizations apply. The status is the error's own, which for the
/// errors the IETF Idempotency-Key draft names is the draft's: 400 for a missing key, 422 for a key reused with
/// another payload, 409 for a request still in progress. <c>type</c> and <c>title</c> are the framework's for the
/// status; the Agent API type, which clients branch on, is the extension member <c>error_type</c>.
/// </summary>
internal static class ProblemDetailsError
{
    public const string ErrorTypeMember = "error_type";

    public const string ParamMember = "param";

    public const string TraceIdMember = "traceId";

    public static async Task WriteAsync(HttpContext context, IdempotencyProblem problem)
    {
        context.Response.StatusCode = problem.StatusCode;
        GatewayError.SetRetryAfter(context.Response, problem.RetryAfter);
        var details = new ProblemDetails { Status = problem.StatusCode, Detail = problem.Message };
        details.Extensions[ErrorTypeMember] = problem.Type;
        if (problem.Param is not null)
        {
            details.Extensions[ParamMember] = problem.Param;
        }

        details.Extensions[TraceIdMember] = Activity.Current?.Id ?? context.TraceIdentifier;

        // The app's service may be missing (the format set where AddIdempotency could not see it, e.g. by a later
        // Configure) and its writers decline a client whose Accept names neither JSON nor problem+json: the answer is
        // still owed, as plain problem details.
        if (context.RequestServices.GetService<IProblemDetailsService>() is not { } service
            || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details }))
        {
            await Results.Problem(details).ExecuteAsync(context);
        }
    }
}
