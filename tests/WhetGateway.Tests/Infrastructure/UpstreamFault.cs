namespace WhetGateway.Tests.Infrastructure;

/// <summary>How a <see cref="ScriptedUpstream"/> misbehaves on one request.</summary>
public enum UpstreamFault
{
    /// <summary>Nothing listens: the connection is refused.</summary>
    RefuseConnection,

    /// <summary>Part of the status line, then a TCP reset: no response at all.</summary>
    ResetBeforeResponse,

    /// <summary>
    /// A 201 with its headers and part of its body, then, once the test calls <see cref="ScriptedUpstream.CutMidBody"/>
    /// (its client has seen the head, so the gateway had read it), a TCP reset.
    /// </summary>
    ResetMidBody,

    /// <summary>Reads the request and never answers.</summary>
    Hang,
}
