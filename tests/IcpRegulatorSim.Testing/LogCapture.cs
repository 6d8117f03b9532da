using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IcpRegulatorSim.Testing;

/// <summary>
/// What a server logs, kept for a test to read (add it as an <see cref="ILoggerProvider"/>): each entry with its level,
/// category and message, at the levels the server logs.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> entries = new();

    public sealed record Entry(LogLevel Level, string Category, string Message, Exception? Exception);

    public IReadOnlyList<Entry> Entries => [.. entries];

    /// <summary>The entries of <paramref name="level"/> or above whose category ends with <paramref name="category"/>.</summary>
    public IReadOnlyList<Entry> Of(string category, LogLevel level = LogLevel.Trace) =>
        entries.Where(e => e.Level >= level && e.Category.EndsWith(category, StringComparison.Ordinal)).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), exception));
    }
}
