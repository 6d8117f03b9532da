using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using IcpRegulatorSim.Domain.Scenarios;
using IcpRegulatorSim.Server.Desks;
using D = IcpRegulatorSim.Domain.Filings;
using P = IcpRegulatorSim.Contracts.V1;

namespace IcpRegulatorSim.Server.Api;

/// <summary>Maps filings and orders between the contract and the domain. Enums share their numeric values.</summary>
public static class FilingMapper
{
    public const string ScenarioHeader = OrderScenario.Header;

    /// <param name="scenario">The <c>x-icp-scenario</c> header, if the call carried one; it is part of what makes two submissions the same.</param>
    public static SubmitCommand ToCommand(P.SubmitFilingRequest request, string? scenario) =>
        new(request.IdempotencyKey, RequestHash(request, scenario ?? ""), new D.OrderRequest(
            (D.FilingType)request.Type,
            request.Filing?.Subject is { } subject ? ToDomain(subject) : null,
            request.Filing?.Services.Select(ToDomain).ToList() ?? [],
            request.SubjectNumber,
            request.ServiceNumbers.ToList(),
            request.FilingPassword),
            scenario);

    public static D.Filing ToDomain(P.Filing filing) =>
        new(filing.Subject is { } subject ? ToDomain(subject) : D.Subject.Empty, filing.Services.Select(ToDomain).ToList());

    public static P.SubmitFilingResponse ToReply(Submission submission) =>
        new() { Order = ToProto(submission.Order), Replayed = submission.Replayed };

    public static P.FilingOrder ToProto(D.FilingOrder order)
    {
        var proto = new P.FilingOrder
        {
            OrderId = order.OrderId,
            Type = (P.FilingType)order.Type,
            Status = (P.OrderStatus)order.Status,
            Filing = ToProto(order.Filing),
            ProviderId = order.ProviderId,
            SubmittedAt = Timestamp.FromDateTimeOffset(order.SubmittedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(order.UpdatedAt),
            ValidationDeadline = Stamp(order.ValidationDeadline),
            SubjectNumber = order.SubjectNumber ?? "",
            VerificationCall = order.Call is { } call
                ? new P.VerificationCall { PlacedAt = Timestamp.FromDateTimeOffset(call.PlacedAt), AnswerBy = Timestamp.FromDateTimeOffset(call.AnswerBy), AnsweredAt = Stamp(call.AnsweredAt) }
                : null,
        };
        proto.SmsValidations.AddRange(order.Validations.Select(v =>
        {
            var validation = new P.SmsValidation
            {
                Mobile = v.Mobile,
                State = (P.SmsValidationState)v.State,
                CodeSentAt = Stamp(v.CodeSentAt),
                ConsecutiveFailures = v.ConsecutiveFailures,
                ResendsUsed = v.ResendsUsed,
                CompletedAt = Stamp(v.CompletedAt),
            };
            validation.Roles.AddRange(v.Roles.Select(r => (P.PersonRole)r));
            validation.ServiceIndexes.AddRange(v.People.Where(p => p.ServiceIndex is not null).Select(p => p.ServiceIndex!.Value));
            return validation;
        }));
        if (order.Decision is { } d)
        {
            proto.Decision = new P.Decision
            {
                Outcome = (P.OrderStatus)d.Outcome,
                ReasonCode = d.ReasonCode,
                NumericCode = d.NumericCode ?? 0,
                Reason = new P.LocalizedText { En = d.En, Zh = d.Zh },
                Reviewer = d.Reviewer,
                DecidedAt = Timestamp.FromDateTimeOffset(d.DecidedAt),
            };
        }
        proto.ServiceNumbers.AddRange(order.ServiceNumbers.Select((n, i) => new P.ServiceNumber { ServiceIndex = i, Number = n }));
        return proto;
    }

    public static Timestamp? Stamp(DateTimeOffset? at) => at is { } t ? Timestamp.FromDateTimeOffset(t) : null;

    /// <summary>What makes two submissions "the same request": every field but the idempotency key.</summary>
    private static byte[] RequestHash(P.SubmitFilingRequest request, string scenario)
    {
        var copy = request.Clone();
        copy.IdempotencyKey = "";
        return SHA256.HashData([.. copy.ToByteArray(), .. System.Text.Encoding.UTF8.GetBytes(scenario)]);
    }

    public static D.Subject ToDomain(P.Subject s) =>
        new(s.Nature, s.Name, s.CertificateType, s.CertificateNumber, s.Province,
            ToDomain(s.CertificateAddress), ToDomain(s.MailingAddress), ToDomain(s.Leader));

    private static D.Address ToDomain(P.Address? a) => a is null ? D.Address.Empty : new D.Address(a.Province, a.City, a.Detail);

    public static D.Person ToDomain(P.Person? p) =>
        p is null ? D.Person.Empty : new D.Person(p.Name, p.CertificateType, p.CertificateNumber, p.Mobile, p.Email);

    private static D.Service ToDomain(P.Service s) =>
        new((D.ServiceKind)s.Kind, s.Name, s.Domains.ToList(), s.HomeUrl, s.Languages.ToList(), s.ServiceContent, ToDomain(s.Administrator),
            s.App is { } app ? new D.AppInfo(app.PackageName, (D.AppPlatform)app.Platform, app.PublicKey, app.SignatureHash) : null,
            s.ServiceNumber)
        {
            PreApprovals = s.PreApprovals.Select(p => new D.PreApproval(p.Type, p.Number)).ToList(),
        };

    private static P.Filing ToProto(D.Filing f)
    {
        var filing = new P.Filing { Subject = ToProto(f.Subject) };
        filing.Services.AddRange(f.Services.Select(ToProto));
        return filing;
    }

    public static P.Subject ToProto(D.Subject s) => new()
    {
        Nature = s.Nature,
        Name = s.Name,
        CertificateType = s.CertificateType,
        CertificateNumber = s.CertificateNumber,
        Province = s.Province,
        CertificateAddress = ToProto(s.CertificateAddress),
        MailingAddress = ToProto(s.MailingAddress),
        Leader = ToProto(s.Leader),
    };

    private static P.Address ToProto(D.Address a) => new() { Province = a.Province, City = a.City, Detail = a.Detail };

    public static P.Person ToProto(D.Person p) => new()
    {
        Name = p.Name,
        CertificateType = p.CertificateType,
        CertificateNumber = p.CertificateNumber,
        Mobile = p.Mobile,
        Email = p.Email,
    };

    private static P.Service ToProto(D.Service s)
    {
        var service = new P.Service
        {
            Kind = (P.ServiceKind)s.Kind,
            Name = s.Name,
            HomeUrl = s.HomeUrl,
            ServiceContent = s.ServiceContent,
            Administrator = ToProto(s.Administrator),
            ServiceNumber = s.ServiceNumber,
            App = s.App is { } app
                ? new P.AppInfo { PackageName = app.PackageName, Platform = (P.AppPlatform)app.Platform, PublicKey = app.PublicKey, SignatureHash = app.SignatureHash }
                : null,
        };
        service.Domains.AddRange(s.Domains);
        service.Languages.AddRange(s.Languages);
        service.PreApprovals.AddRange(s.PreApprovals.Select(p => new P.PreApproval { Type = p.Type, Number = p.Number }));
        return service;
    }
}
