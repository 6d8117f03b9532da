using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Domain.PublicSecurity;

/// <summary>
/// The public-security platform's check of a website's ICP number against MIIT's registry: the number exists, is in
/// force, belongs to the subject filing it (its certificate) and covers each of the website's domains. A website hosted
/// outside mainland China files without one.
/// </summary>
public static class IcpCrossCheck
{
    /// <summary>
    /// Records what is wrong with <paramref name="icpNumber"/> for the website, under <paramref name="website"/>'s
    /// <c>icp_number</c> and <c>domains[i]</c>; <paramref name="findSubject"/> looks a subject up by its number in
    /// the world's registry. Returns the services the number names when it passes (a subject's number names all its
    /// websites), else none.
    /// </summary>
    public static IReadOnlyList<FiledService> Check(
        Violations website, string icpNumber, IReadOnlyList<string> domains, bool hostedInMainland, string certificateNumber,
        Func<string, FiledSubject?> findSubject)
    {
        const string Field = "icp_number";
        if (icpNumber.Trim().Length == 0)
        {
            if (hostedInMainland)
            {
                website.Add(Field, "REQUIRED", PublicSecurityTexts.IcpNumberRequired);
            }
            return [];
        }
        if (IcpNumber.Parse(icpNumber) is not { } number)
        {
            website.Add(Field, "INVALID_FORMAT", PublicSecurityTexts.NotAnIcpNumber(icpNumber.Trim()));
            return [];
        }
        var typed = number.ToString();
        if (number.IsApp)
        {
            website.Add(Field, "APP_NUMBER", PublicSecurityTexts.AppNumber(typed));
            return [];
        }
        if (findSubject(number.SubjectNumber) is not { } subject)
        {
            website.Add(Field, "ICP_NUMBER_NOT_FOUND", PublicSecurityTexts.IcpNumberNotFound(typed));
            return [];
        }
        IReadOnlyList<FiledService> services = number.ServiceSequence is { } sequence
            ? subject.ServiceAt(sequence) is { } service ? [service] : []
            : subject.Services.Where(s => s.Service.Kind == ServiceKind.Website).ToList();
        if (services.Count == 0)
        {
            // Numbers are never issued twice: one the subject issued and no longer holds was revoked or cancelled.
            var issued = number.ServiceSequence is not { } n || n <= subject.LastServiceSequence;
            website.Add(Field, issued ? "ICP_NUMBER_NOT_IN_FORCE" : "ICP_NUMBER_NOT_FOUND",
                issued ? PublicSecurityTexts.IcpNumberNotInForce(typed) : PublicSecurityTexts.IcpNumberNotFound(typed));
            return [];
        }
        if (!string.Equals(subject.Subject.CertificateNumber, TypedIdentifiers.Certificate(certificateNumber), StringComparison.Ordinal))
        {
            website.Add(Field, "ICP_SUBJECT_MISMATCH", PublicSecurityTexts.IcpSubjectMismatch(typed));
            return [];
        }
        var covered = services.SelectMany(s => s.Service.Domains).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < domains.Count; i++)
        {
            if (DomainNames.Normalize(domains[i]) is { } domain && !covered.Contains(domain))
            {
                website.Add($"domains[{i}]", "ICP_DOMAIN_NOT_COVERED", PublicSecurityTexts.DomainNotCovered(domain, typed));
            }
        }
        return services;
    }
}
