using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using WhetGateway.Buffers;
using WhetGateway.Json;

namespace WhetGateway.Idempotency.Keys;

/// <summary>
/// Finds the key in the top-level JSON body field (and, if the policy names one, a header) without deserializing
/// the body, then checks it: a string of printable ASCII whose length the policy allows, given once.
/// </summary>
internal static class IdempotencyKeyReader
{
    /// <summary>Escaped strings up to this long are checked in a stack buffer, longer ones in a pooled one.</summary>
    private const int StackScratchBytes = 256;

    public static KeyReadResult Read(ReadOnlySpan<byte> body, IHeaderDictionary headers, IdempotencyPolicy policy)
    {
        var fromBody = ReadBody(body, policy);
        if (fromBody.Status is KeyReadStatus.Invalid or KeyReadStatus.MalformedBody || policy.KeyHeader is null)
        {
            return fromBody;
        }

        var fromHeader = ReadHeader(headers, policy.KeyHeader, policy, fromBody.BodyIsJsonObject);
        return (fromBody.Status, fromHeader.Status) switch
        {
            (_, KeyReadStatus.Invalid) => fromHeader,
            (KeyReadStatus.Absent, _) => fromHeader,
            (KeyReadStatus.Valid, KeyReadStatus.Valid) when !string.Equals(fromBody.Key, fromHeader.Key, StringComparison.Ordinal) =>
                KeyReadResult.Invalid($"The {policy.KeyHeader} header and the {policy.KeyField} body field carry different keys.", policy.KeyField, true),
            _ => fromBody,
        };
    }

    private static KeyReadResult ReadBody(ReadOnlySpan<byte> body, IdempotencyPolicy policy)
    {
        if (!LooksLikeJsonObject(body))
        {
            return new KeyReadResult(KeyReadStatus.Absent, null, null, null, false);
        }

        string? key = null;
        string? error = null;
        var found = false;
        try
        {
            var reader = new Utf8JsonReader(body, JsonLimits.ReaderOptions);
            reader.Read();
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String))
                {
                    continue;
                }

                EnsureValidText(ref reader);
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1 || !reader.ValueTextEquals(policy.KeyFieldUtf8))
                {
                    continue;
                }

                reader.Read();
                error ??= found ? $"{policy.KeyField} is given more than once." : null;
                found = true;
                if (reader.TokenType == JsonTokenType.String)
                {
                    EnsureValidText(ref reader);
                    key = reader.GetString();
                }
                else
                {
                    error ??= $"{policy.KeyField} must be a string.";
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return new KeyReadResult(KeyReadStatus.MalformedBody, null, "The request body is not valid JSON.", null, false);
        }

        if (!found)
        {
            return new KeyReadResult(KeyReadStatus.Absent, null, null, null, true);
        }

        return error is null ? Validate(key!, policy, policy.KeyField, true) : KeyReadResult.Invalid(error, policy.KeyField, true);
    }

    /// <summary>
    /// The reader checks structure, not text: every string must also be valid UTF-8 with no lone surrogate escape,
    /// or the body could not be fingerprinted (nor, most likely, read by the upstream). An escaped string is
    /// unescaped into a scratch buffer, which checks both and throws <see cref="InvalidOperationException"/> as
    /// <see cref="Utf8JsonReader.GetString"/> would, without making a string of it.
    /// </summary>
    private static void EnsureValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            if (!Utf8.IsValid(reader.ValueSpan))
            {
                throw new JsonException("A string is not valid UTF-8.");
            }

            return;
        }

        // Unescaped text is never longer than its escaped form.
        byte[]? rented = null;
        var scratch = reader.ValueSpan.Length <= StackScratchBytes
            ? stackalloc byte[StackScratchBytes]
            : rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            reader.CopyString(scratch);
        }
        finally
        {
            PooledArray.Return(rented);
        }
    }

    private static KeyReadResult ReadHeader(IHeaderDictionary headers, string headerName, IdempotencyPolicy policy, bool bodyIsJsonObject)
    {
        var values = headers[headerName];
        if (values.Count == 0)
        {
            return new KeyReadResult(KeyReadStatus.Absent, null, null, null, bodyIsJsonObject);
        }

        if (values.Count > 1)
        {
            return KeyReadResult.Invalid($"The {headerName} header is given more than once.", headerName, bodyIsJsonObject);
        }

        var value = values[0]!.Trim();
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            if (!TryUnquote(value.AsSpan(1, value.Length - 2), out value))
            {
                return KeyReadResult.Invalid($"The {headerName} header is not a valid quoted string.", headerName, bodyIsJsonObject);
            }
        }

        return Validate(value, policy, headerName, bodyIsJsonObject);
    }

    /// <summary>Checks a key found by any protocol: its length and that it is printable ASCII.</summary>
    internal static KeyReadResult Validate(string key, IdempotencyPolicy policy, string param, bool bodyIsJsonObject)
    {
        if (key.Length < policy.MinKeyLength || key.Length > policy.MaxKeyLength)
        {
            return KeyReadResult.Invalid(
                $"{param} must be between {policy.MinKeyLength} and {policy.MaxKeyLength} characters long (was {key.Length}).", param, bodyIsJsonObject);
        }

        foreach (var c in key)
        {
            if (c is < ' ' or > '~')
            {
                return KeyReadResult.Invalid($"{param} must contain printable ASCII characters only.", param, bodyIsJsonObject);
            }
        }

        return new KeyReadResult(KeyReadStatus.Valid, key, null, null, bodyIsJsonObject);
    }

    // An RFC 8941 sf-string: backslash escapes only a quote or a backslash.
    private static bool TryUnquote(ReadOnlySpan<char> quoted, out string value)
    {
        var builder = new System.Text.StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            var c = quoted[i];
            if (c == '"')
            {
                value = string.Empty;
                return false;
            }

            if (c == '\\')
            {
                if (++i == quoted.Length || quoted[i] is not ('"' or '\\'))
                {
                    value = string.Empty;
                    return false;
                }

                c = quoted[i];
            }

            builder.Append(c);
        }

        value = builder.ToString();
        return true;
    }

    private static bool LooksLikeJsonObject(ReadOnlySpan<byte> body)
    {
        var start = body.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && body[start] == (byte)'{';
    }
}
