using IcpRegulatorSim.ProviderGateway.Cli;

namespace IcpRegulatorSim.ProviderGateway.Tests;

/// <summary>Where <c>watch --cursor-file</c> keeps its place, without a server.</summary>
public sealed class CursorFileTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void A_cursor_that_does_not_exist_yet_holds_nothing()
    {
        Assert.Null(new CursorFile(Path.Combine(scratch.Path, "new.cursor")).Read());
        Assert.Null(new CursorFile(scratch.Write("empty.cursor", "")).Read());
    }

    [Fact]
    public void A_written_sequence_is_read_back_and_replaces_the_one_before()
    {
        var cursor = new CursorFile(Path.Combine(scratch.Path, "events.cursor"));

        cursor.Write(41);
        cursor.Write(42);

        Assert.Equal(42, cursor.Read());
        Assert.Equal(["events.cursor"], Directory.GetFiles(scratch.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("forty-two")]
    [InlineData("-1")]
    [InlineData("4 2")]
    public void A_file_that_holds_no_sequence_is_a_usage_mistake(string text)
    {
        var e = Assert.Throws<CliUsageException>(() => new CursorFile(scratch.Write("bad.cursor", text)).Read());
        Assert.Contains("not a cursor file", e.Message);
    }

    [Fact]
    public void A_cursor_in_a_missing_directory_is_a_usage_mistake()
    {
        var e = Assert.Throws<CliUsageException>(() => new CursorFile(Path.Combine(scratch.Path, "no-such-dir", "c")).Read());
        Assert.Contains("does not exist", e.Message);
    }
}
