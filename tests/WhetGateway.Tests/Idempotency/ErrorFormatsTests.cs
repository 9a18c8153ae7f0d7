using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WhetGateway.Idempotency.Errors;
using WhetGateway.Idempotency.Responses;
using WhetGateway.Storage;

namespace WhetGateway.Tests.Idempotency;

/// <summary>
/// Every error the engine raises reads the same in both formats: the Agent API envelope and RFC 9457 problem details
/// carry the same status, the same Agent API type (<c>error.type</c>, or the <c>error_type</c> member) and the same
/// field. The end-to-end specs pin the common errors on real Kestrel; this pins every one of them.
/// </summary>
public sealed class ErrorFormatsTests
{
    public static TheoryData<string> Errors => [.. Enum.GetNames<IdempotencyError>()];

    [Fact]
    public void Every_error_has_a_problem_to_write() =>
        Assert.Equal(Enum.GetValues<IdempotencyError>(), [.. Problems().Select(problem => problem.Error).Order()]);

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Problem_details_carry_the_envelopes_status_type_and_field(string error)
    {
        var problem = Problems().Single(problem => problem.Error.ToString() == error);

        var envelope = await WriteAsync(context => GatewayError.WriteAsync(context, problem.ToEnvelope()));
        var details = await WriteAsync(context => ProblemDetailsError.WriteAsync(context, problem));

        Assert.Equal("application/problem+json", details.ContentType);
        Assert.Equal((envelope.Status, envelope.Body.GetProperty("error").GetProperty("type").GetString()), (details.Status, details.Body.GetProperty("error_type").GetString()));
        Assert.Equal(details.Status, details.Body.GetProperty("status").GetInt32());
        Assert.Equal(OptionalString(envelope.Body.GetProperty("error"), "param"), OptionalString(details.Body, "param"));
    }

    private static IEnumerable<IdempotencyProblem> Problems()
    {
        var record = new IdempotencyRecord { Kind = RecordKind.Response, Fingerprint = default, CreatedAt = DateTimeOffset.UnixEpoch, StatusCode = 200, OriginalBodyLength = 2_000_000 };
        yield return IdempotencyProblem.BodyUnreadable(new BadHttpRequestException("Unexpected end of request content.", StatusCodes.Status400BadRequest));
        yield return IdempotencyProblem.BodyTooLarge(1024);
        yield return IdempotencyProblem.DecodedBodyTooLarge(1024);
        yield return IdempotencyProblem.BodyNotDecodable("gzip");
        yield return IdempotencyProblem.TooManyContentCodings();
        yield return IdempotencyProblem.UnsupportedContentEncoding("zstd");
        yield return IdempotencyProblem.BodyTooDeep();
        yield return IdempotencyProblem.BodyNotJson("The request body is not valid JSON.");
        yield return IdempotencyProblem.KeyInvalid("idempotency_key must be 16 to 128 ASCII characters.", "idempotency_key");
        yield return IdempotencyProblem.KeyMissing("idempotency_key", "on this endpoint");
        yield return IdempotencyProblem.FingerprintMismatch("idempotency_key");
        yield return IdempotencyProblem.RequestInProgress("idempotency_key", TimeSpan.FromSeconds(3));
        yield return IdempotencyProblem.UpstreamTimeout(TimeSpan.FromSeconds(30), outcomeUnknown: true);
        yield return IdempotencyProblem.ResourceDeleted();
        yield return IdempotencyProblem.OutcomeUnknown("idempotency_key");
        yield return IdempotencyProblem.ResponseNotReplayable(record, 1_000_000, "idempotency_key");
        yield return IdempotencyProblem.StoreUnavailable();
    }

    private static async Task<(int Status, string? ContentType, JsonElement Body)> WriteAsync(Func<HttpContext, Task> write)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        await write(context);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, context.Response.ContentType?.Split(';')[0], document.RootElement.Clone());
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}
