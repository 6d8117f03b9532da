using System.Security.Cryptography;
using System.Text;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.ProviderGateway.Client;
using IcpRegulatorSim.Testing;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>
/// Steps that take a subject to the state a test starts from, through real orders: an approved INITIAL filing, a
/// second provider's access, and SMS validation by people the test names (orders on filed services carry the
/// registry's data, so the test says who it expects to validate rather than reading it off the order).
/// </summary>
public static class OrderSteps
{
    /// <summary>Submits, validates and has staff approve an INITIAL filing; returns it with the password sent to the leader.</summary>
    public static async Task<Filed> FileInitialAsync(this ProviderGatewayClient gateway, Filing filing)
    {
        var approved = await gateway.FileAsync(filing);
        if (approved.Status != OrderStatus.Approved)
        {
            throw new InvalidOperationException($"The INITIAL filing {approved.OrderId} ended {approved.Status}.");
        }
        return new Filed(filing, approved, await gateway.LatestPasswordAsync(filing.Subject.Leader.Mobile));
    }

    /// <summary>The filing password last sent to <paramref name="mobile"/> (on first approval or a reset).</summary>
    public static async Task<string> LatestPasswordAsync(this ProviderGatewayClient gateway, string mobile) =>
        (await gateway.InboxAsync(mobile)).Select(m => m.FilingPassword()).OfType<string>().LastOrDefault()
        ?? throw new InvalidOperationException($"No filing password reached {mobile}.");

    /// <summary>
    /// Lets the codes go out, then has each person the order asks for validate with the code on their phone;
    /// fails when the order asks for someone not in <paramref name="people"/>. Returns the order as it then stands.
    /// </summary>
    public static async Task<FilingOrder> ValidateAsAsync(this ProviderGatewayClient provider, FilingOrder order, params Person[] people)
    {
        await provider.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        foreach (var validation in order.SmsValidations)
        {
            var person = people.FirstOrDefault(p => p.Mobile == validation.Mobile)
                ?? throw new InvalidOperationException($"Order {order.OrderId} asks {validation.Mobile} to validate, who is none of the people expected.");
            var outcome = (await provider.ValidateCodeAsync(person.Mobile, person.Suffix(), await provider.LatestCodeAsync(person.Mobile))).Outcome;
            if (outcome is not (ValidateOutcome.Complete or ValidateOutcome.WaitingForOthers))
            {
                throw new InvalidOperationException($"Validation by {person.Mobile} for order {order.OrderId} answered {outcome}.");
            }
        }
        return await provider.GetFilingAsync(order.OrderId);
    }

    /// <summary>Submits <paramref name="request"/>, validates as <paramref name="people"/> and has staff approve it.</summary>
    public static async Task<FilingOrder> FileOrderAsync(this ProviderGatewayClient provider, SubmitFilingRequest request, params Person[] people)
    {
        var order = (await provider.SubmitAsync(request)).Order;
        if (order.Status == OrderStatus.AwaitingSmsValidation)
        {
            order = await provider.ValidateAsAsync(order, people);
        }
        await provider.ApproveAsync(order.OrderId);
        return await provider.GetFilingAsync(order.OrderId);
    }

    /// <summary>A second provider adds access to filed services, with the subject's password, through approval.</summary>
    public static Task<FilingOrder> AddAccessAsync(this ProviderGatewayClient provider, Filed filed, params int[] services) =>
        provider.FileOrderAsync(
            new SubmitFilingRequest
            {
                Type = FilingType.AddAccess,
                ServiceNumbers = { services.Select(filed.ServiceNumber) },
                FilingPassword = filed.Password,
            },
            [filed.Leader, .. services.Select(filed.Administrator)]);

    /// <summary>The mobiles that received a validation code for the order, sorted.</summary>
    public static async Task<IReadOnlyList<string>> CodeRecipientsAsync(this ProviderGatewayClient gateway, string orderId) =>
        (await gateway.ListMessagesAsync(orderId: orderId, pageSize: 1000)).Messages
            .Where(m => m.Channel == MessageChannel.Sms && m.VerificationCode() is not null)
            .Select(m => m.Recipient)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The mobiles of <paramref name="people"/>, sorted, to compare with <see cref="CodeRecipientsAsync"/>.</summary>
    public static IReadOnlyList<string> Mobiles(params Person[] people) =>
        people.Select(p => p.Mobile).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>An app service (filed since 2023): no domain, a package name and its signing data.</summary>
    public static Service App(string name, string packageName, Person administrator) => new()
    {
        Kind = ServiceKind.App,
        Name = name,
        Languages = { 1 },
        ServiceContent = "移动应用",
        Administrator = administrator,
        App = new AppInfo
        {
            PackageName = packageName,
            Platform = AppPlatform.Android,
            PublicKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsimulated",
            SignatureHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(packageName))),
        },
    };

    /// <summary>The filed data of a service as a CHANGE order names it.</summary>
    public static Service Numbered(this Service service, string number)
    {
        var copy = service.Clone();
        copy.ServiceNumber = number;
        return copy;
    }
}
