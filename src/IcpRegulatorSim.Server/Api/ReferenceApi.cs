using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using Microsoft.AspNetCore.Authorization;
using CertificateTypeEntry = IcpRegulatorSim.Domain.Rules.CertificateTypeEntry;
using ProvinceRule = IcpRegulatorSim.Domain.Rules.ProvinceRule;
using RuleBook = IcpRegulatorSim.Domain.Rules.RuleBook;

namespace IcpRegulatorSim.Server.Api;

/// <summary>
/// The code tables and the rule profile in force, straight from the rules data, for anyone, without a key
/// (AllowAnonymous: the OpenAPI document asks for none).
/// </summary>
[AllowAnonymous]
public sealed class ReferenceApi(RuleBook rules) : ReferenceService.ReferenceServiceBase
{
    public override Task<CodeTables> GetCodeTables(GetCodeTablesRequest request, ServerCallContext context)
    {
        var t = rules.CodeTables;
        var reply = new CodeTables();
        reply.SubjectNatures.AddRange(t.SubjectNatures.Select(Entry));
        reply.SubjectCertificateTypes.AddRange(t.SubjectCertificateTypes.Select(Certificate));
        reply.LeaderCertificateTypes.AddRange(t.LeaderCertificateTypes.Select(Certificate));
        reply.PreApprovalTypes.AddRange(t.PreApprovalTypes.Select(Entry));
        reply.Languages.AddRange(t.Languages.Select(Entry));
        reply.AccessMethods.AddRange(t.AccessMethods.Select(Entry));
        reply.Provinces.AddRange(rules.Provinces.Select(Province));
        reply.RejectionReasons.AddRange(t.RejectionReasons.Select(r => new RejectionReason { Code = r.Code, Text = new LocalizedText { En = r.En, Zh = r.Zh } }));
        reply.AdministrativeReasons.AddRange(t.AdministrativeReasons.Select(r => new RejectionReason { Code = r.Code, Text = new LocalizedText { En = r.En, Zh = r.Zh } }));
        return Task.FromResult(reply);
    }

    public override Task<Rules> GetRules(GetRulesRequest request, ServerCallContext context)
    {
        var reply = new Rules
        {
            Profile = rules.Profile,
            Description = rules.ProfileDescription,
            SmsSendDelay = Duration.FromTimeSpan(rules.Sms.SendDelay),
            SmsValidity = Duration.FromTimeSpan(rules.Sms.Validity),
            SmsSyncDelay = Duration.FromTimeSpan(rules.Sms.SyncDelay),
            MaxResends = rules.Sms.MaxResends,
            MaxConsecutiveFailures = rules.Sms.MaxConsecutiveFailures,
            ReviewMinWorkingDays = rules.Review.MinWorkingDays,
            ReviewMaxWorkingDays = rules.Review.MaxWorkingDays,
            MaxFailedPasswordChecks = rules.Passwords.MaxFailedChecks,
            OwnProvinceOnly = rules.Access.OwnProvinceOnly,
            EmptyShellAllowed = rules.Access.EmptyShellAllowed,
            SpotCheckAnswerTime = Duration.FromTimeSpan(rules.Supervision.SpotCheckAnswerTime),
            EmptyShellGrace = Duration.FromTimeSpan(rules.Supervision.EmptyShellGrace),
            VerificationCallWindow = Duration.FromTimeSpan(rules.Review.VerificationCallWindow),
        };
        reply.Provinces.AddRange(rules.Provinces.Select(Province));
        reply.ApprovedTlds.AddRange(rules.ApprovedTlds);
        foreach (var p in rules.Personnel)
        {
            var rule = new PersonnelRule { Type = (FilingType)p.Type, Mix = Mix(p.Mix) };
            rule.Roles.AddRange(p.Roles.Select(r => (PersonRole)r));
            reply.Personnel.Add(rule);
        }
        return Task.FromResult(reply);
    }

    public override Task<ListScenariosResponse> ListScenarios(ListScenariosRequest request, ServerCallContext context)
    {
        var reply = new ListScenariosResponse();
        // The ICP order's (x-icp-scenario) and then the public-security filing's (x-psb-scenario, names psb-…).
        reply.Scenarios.AddRange(Domain.Scenarios.OrderScenario.Catalogue.Concat(Domain.Scenarios.WebsiteFilingScenario.Catalogue).Select(s => new Scenario
        {
            Name = s.Name,
            Parameter = s.Parameter ?? "",
            Description = new LocalizedText { En = s.En, Zh = s.Zh },
        }));
        return Task.FromResult(reply);
    }

    private static ServiceMix Mix(Domain.Rules.ServiceMix mix) => mix switch
    {
        Domain.Rules.ServiceMix.Any => ServiceMix.Any,
        Domain.Rules.ServiceMix.WebsiteOnly => ServiceMix.WebsiteOnly,
        Domain.Rules.ServiceMix.WebsiteAndApp => ServiceMix.WebsiteAndApp,
        Domain.Rules.ServiceMix.AppOnly => ServiceMix.AppOnly,
        _ => ServiceMix.Unspecified,
    };

    private static CodeEntry Entry(Domain.Rules.CodeEntry e) => new() { Code = e.Code, Name = new LocalizedText { En = e.En, Zh = e.Zh } };

    private static CertificateType Certificate(CertificateTypeEntry e)
    {
        var type = new CertificateType { Code = e.Code, Name = new LocalizedText { En = e.En, Zh = e.Zh }, Format = e.Format };
        type.Natures.AddRange(e.Natures);
        return type;
    }

    private static Province Province(ProvinceRule p) => new()
    {
        Id = p.Id,
        Name = new LocalizedText { En = p.NameEn, Zh = p.NameZh },
        Abbreviation = p.Abbreviation,
        GbCode = p.GbCode,
        Administration = p.Administration,
        SmsRequired = p.SmsRequired,
        ChangesAllowed = p.ChangesAllowed,
        CancellationBatchDay = p.CancellationBatchDay?.ToString().ToUpperInvariant() ?? "",
        VerificationCall = p.VerificationCall,
    };
}
