using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Google.Protobuf;

namespace IcpRegulatorSim.Bench;

/// <summary>One h2load measurement: a method, its calls a second, and how many calls it made.</summary>
public sealed record H2LoadFigure(string Name, double Throughput, long Calls);

/// <summary>
/// h2load (Debian's nghttp2-client), a client that costs the machine little, so that its figures show what the server
/// itself can do. It sends one pre-encoded request again and again, and counts a gRPC error as a success: each method's
/// grpc-status is checked once, with the same bytes, before its figures are trusted.
/// </summary>
public static partial class H2Load
{
    public static string? Path => Environment.GetEnvironmentVariable("PATH")?.Split(':')
        .Select(directory => System.IO.Path.Combine(directory, "h2load")).FirstOrDefault(File.Exists);

    /// <summary>
    /// Checks that <paramref name="method"/> answers <paramref name="request"/> with grpc-status 0 and a reply
    /// <paramref name="check"/> accepts, then drives it for the warm-up and the duration: one connection, 64 streams.
    /// </summary>
    public static async Task<H2LoadFigure> MeasureAsync<TReply>(
        string name, Uri address, string method, IMessage request, MessageParser<TReply> parser, Func<TReply, bool> check,
        BenchOptions options, int streams)
        where TReply : IMessage<TReply>
    {
        var body = Frame(request);
        var reply = parser.ParseFrom(await CallOnceAsync(address, method, body));
        if (!check(reply))
        {
            throw new InvalidOperationException($"h2load {name}: {method} answered OK, but not what the bench asks of it: {reply}");
        }
        var file = System.IO.Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, body);
            var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("h2load is not installed."))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in (string[])[
                "-c", "1", "-m", streams.ToString(CultureInfo.InvariantCulture), "-t", "1",
                "--warm-up-time", Seconds(options.Warmup), "-D", Seconds(options.Duration),
                "-H", "content-type: application/grpc", "-H", "te: trailers", "-d", file, new Uri(address, method).ToString()])
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var text = await output + await error;
            var finished = Finished().Match(text);
            var requests = Requests().Match(text);
            if (process.ExitCode != 0 || !finished.Success || !requests.Success || requests.Groups["failed"].Value != "0" || requests.Groups["errored"].Value != "0")
            {
                throw new InvalidOperationException($"h2load {name} did not finish cleanly (exit {process.ExitCode}):{Environment.NewLine}{text}");
            }
            var figure = new H2LoadFigure(name, double.Parse(finished.Groups["rate"].Value, CultureInfo.InvariantCulture),
                long.Parse(requests.Groups["done"].Value, CultureInfo.InvariantCulture));
            Console.WriteLine($"h2load {name}: {figure.Throughput:N0} calls/s ({figure.Calls:N0} calls, grpc-status 0 checked)");
            return figure;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>One call with the very bytes h2load will send; its reply message, once its grpc-status is 0.</summary>
    private static async Task<byte[]> CallOnceAsync(Uri address, string method, byte[] body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single() : null;
        if (status != "0")
        {
            throw new InvalidOperationException($"{method} answered grpc-status {status ?? "(none)"}: h2load would count every such call a success.");
        }
        return bytes.Length >= 5 ? bytes[5..] : [];
    }

    /// <summary>A gRPC message as it travels: not compressed, its length, its bytes.</summary>
    private static byte[] Frame(IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static string Seconds(TimeSpan span) => ((int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"finished in [\d.]+\w*, (?<rate>[\d.]+) req/s")]
    private static partial Regex Finished();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, (?<done>\d+) done, \d+ succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored")]
    private static partial Regex Requests();
}
