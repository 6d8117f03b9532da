using Grpc.Core;
using IcpRegulatorSim.Contracts.V1;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Server.Desks;
using IcpRegulatorSim.Server.Security;
using Microsoft.AspNetCore.Authorization;

namespace IcpRegulatorSim.Server.Api;

/// <summary>The public query, for anyone, without a key (AllowAnonymous: the OpenAPI document asks for none).</summary>
[AllowAnonymous]
public sealed class PublicQueryApi(Callers callers, RegistryDesk desk, RuleBook rules) : PublicQueryService.PublicQueryServiceBase
{
    public override Task<PublicQueryResponse> QueryByDomain(QueryByDomainRequest request, ServerCallContext context) =>
        Reply(desk.ByDomain(callers.Anonymous(context), request.Domain));

    public override Task<PublicQueryResponse> QueryByIcpNumber(QueryByIcpNumberRequest request, ServerCallContext context) =>
        Reply(desk.ByIcpNumber(callers.Anonymous(context), request.IcpNumber));

    public override Task<PublicQueryResponse> QueryBySubjectName(QueryBySubjectNameRequest request, ServerCallContext context) =>
        Reply(desk.BySubjectName(callers.Anonymous(context), request.SubjectName));

    private Task<PublicQueryResponse> Reply(IEnumerable<PublicRecord> records)
    {
        var reply = new PublicQueryResponse();
        reply.Filings.AddRange(records.Select(ToProto));
        return Task.FromResult(reply);
    }

    private PublicFiling ToProto(PublicRecord r)
    {
        var nature = rules.CodeTables.Nature(r.SubjectNature);
        var filing = new PublicFiling
        {
            SubjectName = r.SubjectName,
            SubjectNature = r.SubjectNature,
            SubjectNatureName = new LocalizedText { En = nature?.En ?? "", Zh = nature?.Zh ?? "" },
            SubjectNumber = r.SubjectNumber,
            ServiceNumber = r.ServiceNumber,
            ServiceKind = (Contracts.V1.ServiceKind)r.ServiceKind,
            ServiceName = r.ServiceName,
            HomeUrl = r.HomeUrl,
            ApprovedOn = r.ApprovedOn.ToString("yyyy-MM-dd"),
            Province = r.Province,
            AccessRestricted = r.AccessRestricted,
        };
        filing.Domains.AddRange(r.Domains);
        return filing;
    }
}
