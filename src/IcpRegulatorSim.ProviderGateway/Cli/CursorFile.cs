using System.Globalization;

namespace IcpRegulatorSim.ProviderGateway.Cli;

/// <summary>
/// Where a <c>watch</c> left off: the sequence of the last event it printed, in a file of its own, so the next
/// <c>watch</c> starts right after it. The provider's events are numbered consecutively, so that number is all it takes.
/// </summary>
public sealed class CursorFile(string path)
{
    /// <summary>The sequence stored in the file, or null when there is no file yet (the first run).</summary>
    public long? Read()
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliUsageException($"{path}: the directory does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{path}: {e.Message}");
        }
        if (text.Length == 0)
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw new CliUsageException($"{path}: not a cursor file (it should hold one event sequence number, not '{Shorten(text)}').");
    }

    /// <summary>
    /// Stores <paramref name="sequence"/>. The new content goes to a temporary file that then replaces the cursor,
    /// so a watch killed mid-write leaves the previous cursor, never a truncated one.
    /// </summary>
    public void Write(long sequence)
    {
        var temporary = path + ".tmp";
        try
        {
            File.WriteAllText(temporary, sequence.ToString(CultureInfo.InvariantCulture) + "\n");
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{path}: cannot store the cursor: {e.Message}");
        }
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
