using IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.EndToEnd.Tests;

/// <summary>A subject taken through an approved INITIAL filing: what was filed, the approved order, and the password its leader received.</summary>
public sealed record Filed(Filing Filing, FilingOrder Order, string Password)
{
    public string SubjectNumber => Order.SubjectNumber;

    public Subject Subject => Filing.Subject;

    public Person Leader => Filing.Subject.Leader;

    public string ServiceNumber(int index) => Order.ServiceNumbers.Single(n => n.ServiceIndex == index).Number;

    public Service Service(int index) => Filing.Services[index];

    public Person Administrator(int index) => Filing.Services[index].Administrator;

    /// <summary>A CANCEL_SERVICE order for the service at <paramref name="index"/>, with the right password.</summary>
    public SubmitFilingRequest CancelService(int index) =>
        new() { Type = FilingType.CancelService, ServiceNumbers = { ServiceNumber(index) }, FilingPassword = Password };
}
