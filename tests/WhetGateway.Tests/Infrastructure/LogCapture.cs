using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WhetGateway.Tests.Infrastructure;

/// <summary>Writes every log event as text (category, level, message, state values, <c>event_id=N</c>, exception) into <paramref name="entries"/>, so tests can search what was logged.</summary>
public sealed class LogCapture(ConcurrentQueue<string> entries) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(entries, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> entries, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(pair => $"{pair.Key}={pair.Value}")) : string.Empty;
            entries.Enqueue($"{category} {logLevel} {formatter(state, exception)} {values} event_id={eventId.Id} {exception}");
        }
    }
}
