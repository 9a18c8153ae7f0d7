namespace WhetGateway.Tests.Faults;

/// <summary>What the gateway must do with a <see cref="HostileCase"/>, on top of never answering 5xx.</summary>
public enum HostileExpectation
{
    /// <summary>
    /// The body or its framing is unacceptable on any policy route (framing, size, content coding, nesting depth): a
    /// 4xx (a JSON-RPC error on an MCP route), and nothing reaches the upstream.
    /// </summary>
    Refused,

    /// <summary>
    /// The key where REST reads it (the top-level body field, or the header) is invalid, or the JSON object carrying it
    /// is not valid JSON: refused as <see cref="Refused"/> on the REST and response-cache routes. An MCP route passes
    /// such a body through, as it is no tool call, and the upstream answers it.
    /// </summary>
    KeyRefused,

    /// <summary>Nothing to refuse on the gateway's side (no key, or a valid one): any answer below 500 will do.</summary>
    Answered,

    /// <summary>
    /// A valid key in an unusual spelling (a chunked body, a byte order mark, a quoted header): answered, and on the
    /// REST route the same request sent again is a replay, so the key was honoured, not merely tolerated. Elsewhere it
    /// is <see cref="Answered"/>: a cache identifies by fields, and an MCP route sees no tool call. (The sample API
    /// cannot read a compressed body, so compressed keys are shown honoured by CompressedBodyTests instead.)
    /// </summary>
    Replayed,
}
