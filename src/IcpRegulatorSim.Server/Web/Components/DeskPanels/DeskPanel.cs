using System.Globalization;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace IcpRegulatorSim.Server.Web.Components.DeskPanels;

/// <summary>What one of the desk's panels did: what the desk says it did, or what it refused; and the sample filing it submitted.</summary>
public sealed record DeskAction(string Name, PageMessage? Done, RegulatorException? Error, FilingOrder? Sample = null);

/// <summary>
/// One panel of the trainer's desk: its own form and action. What the action did goes up to the desk (<see cref="Acted"/>),
/// which says it above the panels and shows the world as it is after it.
/// </summary>
public abstract class DeskPanel : ComponentBase
{
    [Parameter, EditorRequired] public EventCallback<DeskAction> Acted { get; set; }

    [CascadingParameter] protected HttpContext Http { get; set; } = null!;

    /// <summary>Runs the panel's action: what it did, or what the desk refused, told to the desk.</summary>
    protected Task Act(string name, Func<Task<PageMessage>> action) => Act(name, async () => new DeskAction(name, await action(), null));

    protected async Task Act(string name, Func<Task<DeskAction>> action)
    {
        DeskAction outcome;
        try
        {
            outcome = await action();
        }
        catch (RegulatorException e)
        {
            outcome = new DeskAction(name, null, e);
        }
        await Acted.InvokeAsync(outcome);
    }

    protected static double Number(string field, string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw RegulatorErrors.Invalid(field, "INVALID_FORMAT", Labels.NotANumber(text ?? "").En, Labels.NotANumber(text ?? "").Zh);
}
