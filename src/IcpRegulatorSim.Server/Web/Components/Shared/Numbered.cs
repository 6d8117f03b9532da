using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace IcpRegulatorSim.Server.Web.Components.Shared;

/// <summary>
/// A text whose filing numbers each stay on one line: each is a span of class <c>number</c> (see NumberedText). Written
/// as code so that no whitespace of a template reaches a text shown with its line breaks.
/// </summary>
public sealed class Numbered : ComponentBase
{
    [Parameter, EditorRequired] public string Text { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        foreach (var part in NumberedText.Parts(Text))
        {
            if (part.Number)
            {
                builder.OpenElement(0, "span");
                builder.AddAttribute(1, "class", "number");
                builder.AddContent(2, part.Text);
                builder.CloseElement();
            }
            else
            {
                builder.AddContent(3, part.Text);
            }
        }
    }
}
