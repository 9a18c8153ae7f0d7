using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>Keeps every log entry at Error or above, such as Kestrel's "unhandled exception", for tests to inspect.</summary>
public sealed class ErrorLogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new ErrorLogger(categoryName, _entries);

    public void Dispose()
    {
    }
}
