using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>The logger an <see cref="ErrorLogCollector"/> hands out: it keeps entries at Error or above.</summary>
internal sealed class ErrorLogger(string category, ConcurrentQueue<string> entries) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            entries.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
