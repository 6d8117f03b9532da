using Grpc.Core;
using IcpRegulatorSim.Contracts.PublicSecurity.V1;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Server.Desks.PublicSecurity;
using IcpRegulatorSim.Server.Security;
using Microsoft.AspNetCore.Authorization;

namespace IcpRegulatorSim.Server.Api.PublicSecurity;

/// <summary>The platform's public query, for anyone, without a key (AllowAnonymous: the OpenAPI document asks for none).</summary>
[AllowAnonymous]
public sealed class PsbPublicQueryApi(Callers callers, PublicSecurityQueryDesk desk, PublicSecurityMapper mapper)
    : PsbPublicQueryService.PsbPublicQueryServiceBase
{
    public override Task<QueryFilingByNumberResponse> QueryFilingByNumber(QueryFilingByNumberRequest request, ServerCallContext context)
    {
        var reply = new QueryFilingByNumberResponse();
        reply.Filings.AddRange(Map(desk.ByNumber(callers.Anonymous(context), request.Number)));
        return Task.FromResult(reply);
    }

    public override Task<QueryFilingsByDomainResponse> QueryFilingsByDomain(QueryFilingsByDomainRequest request, ServerCallContext context)
    {
        var reply = new QueryFilingsByDomainResponse();
        reply.Filings.AddRange(Map(desk.ByDomain(callers.Anonymous(context), request.Domain)));
        return Task.FromResult(reply);
    }

    public override Task<QueryFilingsByWebsiteNameResponse> QueryFilingsByWebsiteName(QueryFilingsByWebsiteNameRequest request, ServerCallContext context)
    {
        var reply = new QueryFilingsByWebsiteNameResponse();
        reply.Filings.AddRange(Map(desk.ByWebsiteName(callers.Anonymous(context), request.WebsiteName)));
        return Task.FromResult(reply);
    }

    private IEnumerable<PsbPublicFiling> Map(IEnumerable<PublicSecurityRecord> records) => records.Select(mapper.ToProto);
}
