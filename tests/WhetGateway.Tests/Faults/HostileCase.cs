using System.Text;
using WhetGateway.Tests.Infrastructure;

namespace WhetGateway.Tests.Faults;

/// <summary>One raw request of the hostile-input corpus and what the gateway must make of it.</summary>
/// <param name="Request">The raw request, to <see cref="HostileCorpus.Path"/>.</param>
/// <param name="HalfClose">Whether the client shuts its sending side after the bytes, as one that sent all it will.</param>
public sealed record HostileCase(string Name, byte[] Request, HostileExpectation Expectation, bool HalfClose = false)
{
    /// <summary>
    /// The request sent to <paramref name="path"/> instead, carrying <paramref name="label"/> in the sample API's label
    /// header, so its arrival upstream is its own.
    /// </summary>
    public byte[] RequestTo(string path, string label)
    {
        var firstLineEnd = Request.AsSpan().IndexOf("\r\n"u8) + 2;
        var firstLine = Encoding.ASCII.GetString(Request, 0, firstLineEnd).Replace($" {HostileCorpus.Path} ", $" {path} ", StringComparison.Ordinal);
        return [.. Encoding.ASCII.GetBytes($"{firstLine}{SampleApiHost.LabelHeader}: {label}\r\n"), .. Request[firstLineEnd..]];
    }

    /// <summary>What the gateway must do with this case on <paramref name="route"/>.</summary>
    public HostileExpectation ExpectationOn(HostileRoute route) => (Expectation, route) switch
    {
        (HostileExpectation.KeyRefused, HostileRoute.Mcp) => HostileExpectation.Answered,
        (HostileExpectation.Replayed, not HostileRoute.Rest) => HostileExpectation.Answered,
        _ => Expectation,
    };

    public override string ToString() => Name;
}
