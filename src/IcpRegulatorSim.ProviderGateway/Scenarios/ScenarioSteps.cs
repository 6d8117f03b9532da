using System.Text.RegularExpressions;
using IcpRegulatorSim.ProviderGateway.Cli;
using IcpRegulatorSim.ProviderGateway.Client;

namespace IcpRegulatorSim.ProviderGateway.Scenarios;

/// <summary>
/// Records a script's steps as it runs them: "✓ step: what happened" for each one the regulator got right, and
/// "✗ step: expected …, got …" for the first it got wrong, which ends the script (every later step builds on it).
/// </summary>
public sealed class ScenarioSteps(TextWriter output)
{
    public int Passed { get; private set; }

    /// <summary>The step that failed, or null while every step has passed.</summary>
    public string? FailedStep { get; private set; }

    public int ExitCode => FailedStep is null ? 0 : 1;

    /// <summary>A call to the regulator that must be answered; a refusal fails the step with the regulator's error.</summary>
    public async Task<T> CallAsync<T>(string step, Func<Task<T>> call, Func<T, string>? shown = null)
    {
        T result;
        try
        {
            result = await call();
        }
        catch (RegulatorCallException e)
        {
            throw Fail(step, "an answer", Refusal(e));
        }
        Pass(step, shown?.Invoke(result));
        return result;
    }

    /// <summary>A call that serves a step without being one (reading a phone): silent when answered, the step's failure when refused.</summary>
    public async Task<T> QuietAsync<T>(string step, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RegulatorCallException e)
        {
            throw Fail(step, "an answer", Refusal(e));
        }
    }

    /// <summary>
    /// A call whose answer must show <paramref name="expected"/> (an outcome, a status…): "✓ step: what it showed"
    /// (or <paramref name="shown"/>), else "✗ step: expected …, got …" with what it showed or the refusal.
    /// </summary>
    public async Task<T> ExpectAsync<T, TValue>(
        string step, Func<Task<T>> call, Func<T, TValue> actual, TValue expected, Func<T, string>? shown = null)
    {
        T result;
        try
        {
            result = await call();
        }
        catch (RegulatorCallException e)
        {
            throw Fail(step, Show(expected), Refusal(e));
        }
        var value = actual(result);
        if (!EqualityComparer<TValue>.Default.Equals(expected, value))
        {
            throw Fail(step, Show(expected), Show(value));
        }
        Pass(step, shown is null ? Show(value) : shown(result));
        return result;
    }

    /// <summary>A call the regulator must refuse with <paramref name="reason"/> (e.g. WRONG_FILING_PASSWORD).</summary>
    public async Task ExpectRefusalAsync(string step, string reason, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RegulatorCallException e) when (e.Reason == reason)
        {
            Pass(step, Refusal(e));
            return;
        }
        catch (RegulatorCallException e)
        {
            throw Fail(step, $"a refusal {reason}", Refusal(e));
        }
        throw Fail(step, $"a refusal {reason}", "an answer");
    }

    public void Expect<T>(string step, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw Fail(step, Show(expected), Show(actual));
        }
        Pass(step, Show(actual));
    }

    /// <summary>A condition the script states in words: <paramref name="expected"/> is what should hold, <paramref name="actual"/> what does.</summary>
    public void Expect(string step, bool holds, string expected, string actual)
    {
        if (!holds)
        {
            throw Fail(step, expected, actual);
        }
        Pass(step, actual);
    }

    public void ExpectMatch(string step, Regex pattern, string actual)
    {
        if (!pattern.IsMatch(actual))
        {
            throw Fail(step, $"a match for {pattern}", Show(actual));
        }
        Pass(step, actual);
    }

    /// <summary>A step that needs no check (setting the scene), printed so the transcript tells the whole exchange.</summary>
    public void Pass(string step, string? detail = null)
    {
        Passed++;
        output.WriteLine($"  ✓ {step}" + (string.IsNullOrEmpty(detail) ? "" : $": {detail}"));
    }

    /// <summary>Prints the failed step; the script throws what this returns, to stop there.</summary>
    public ScenarioFailedException Fail(string step, string expected, string actual)
    {
        FailedStep ??= step;
        output.WriteLine($"  ✗ {step}: expected {expected}, got {actual}");
        return new ScenarioFailedException(step, expected, actual);
    }

    public static string Refusal(RegulatorCallException e) =>
        $"{e.StatusCode} {e.Reason}" + (e.NumericCode is { } n ? $" (code {n})" : "") + $": {e.Message}";

    public static string Show<T>(T value) => value switch
    {
        null => "nothing",
        string { Length: 0 } => "\"\"",
        System.Enum e => CliValues.ShortName(e),
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString() ?? "",
    };
}
