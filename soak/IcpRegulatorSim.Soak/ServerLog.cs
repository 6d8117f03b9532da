using System.Text;
using System.Text.RegularExpressions;

namespace IcpRegulatorSim.Soak;

/// <summary>
/// The server's output: every line to a file, and each exception it logged, counted by the method it escaped from
/// and its first line, so the summary can name what a handler let through.
/// </summary>
public sealed partial class ServerLog(string path) : TextWriter
{
    private readonly StreamWriter file = new(path) { AutoFlush = true };
    private readonly Dictionary<string, int> exceptions = new(StringComparer.Ordinal);
    private readonly Queue<string> tail = new();
    private string? method;

    public string Path => path;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => file.Write(value);

    public override void WriteLine(string? value)
    {
        lock (exceptions)
        {
            file.WriteLine(value);
            tail.Enqueue(value ?? "");
            if (tail.Count > 40)
            {
                tail.Dequeue();
            }
            if (value is null)
            {
                return;
            }
            if (MethodPattern().Match(value) is { Success: true } m)
            {
                method = m.Groups[1].Value;
            }
            else if (ExceptionPattern().Match(value) is { Success: true } e)
            {
                var headline = $"{method ?? "(no call)"}: {e.Groups[1].Value}: {Clip(e.Groups[2].Value)}";
                exceptions[headline] = exceptions.GetValueOrDefault(headline) + 1;
                method = null;
            }
        }
    }

    /// <summary>Each distinct exception the server logged (method: type: message), with how often.</summary>
    public IReadOnlyDictionary<string, int> Exceptions
    {
        get
        {
            lock (exceptions)
            {
                return new Dictionary<string, int>(exceptions);
            }
        }
    }

    /// <summary>The last lines, for a process that died.</summary>
    public IReadOnlyList<string> Tail
    {
        get
        {
            lock (exceptions)
            {
                return [.. tail];
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }
        base.Dispose(disposing);
    }

    private static string Clip(string text) => text.Length <= 240 ? text : text[..240] + "…";

    [GeneratedRegex(@"Error when executing service method '(\w+)'")]
    private static partial Regex MethodPattern();

    // The first line of an exception as the console logger prints it, indented under its log entry.
    [GeneratedRegex(@"^\s*server:\s+((?:[A-Za-z_][\w]*\.)+[A-Za-z_]\w*(?:Exception|Error)):\s?(.*)$")]
    private static partial Regex ExceptionPattern();
}
