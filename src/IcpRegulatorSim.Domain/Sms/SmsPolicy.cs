using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;

namespace IcpRegulatorSim.Domain.Sms;

/// <summary>One person an SMS code covers.</summary>
public sealed record SmsPerson(PersonRole Role, int? ServiceIndex, string Name, string CertificateSuffix);

/// <summary>One code to send: a mobile and everyone it covers.</summary>
public sealed record SmsRecipient(string Mobile, IReadOnlyList<SmsPerson> People);

/// <summary>Who must validate an order by SMS, from the rule profile's personnel table.</summary>
public static class SmsPolicy
{
    public static IReadOnlyList<SmsRecipient> Recipients(FilingType type, Filing filing, RuleBook rules)
    {
        var province = rules.Province(filing.Subject.Province);
        if (!province.SmsRequired)
        {
            return [];
        }
        var roles = rules.RolesToValidate(type, MixOf(filing.Services));
        var people = new List<(string Mobile, SmsPerson Person)>();
        if (roles.Contains(PersonRole.EntityLeader))
        {
            var leader = filing.Subject.Leader;
            people.Add((leader.Mobile, new SmsPerson(PersonRole.EntityLeader, null, leader.Name, leader.CertificateSuffix)));
        }
        if (roles.Contains(PersonRole.ServiceAdministrator))
        {
            for (var i = 0; i < filing.Services.Count; i++)
            {
                var admin = filing.Services[i].Administrator;
                people.Add((admin.Mobile, new SmsPerson(PersonRole.ServiceAdministrator, i, admin.Name, admin.CertificateSuffix)));
            }
        }
        // Two people who share a mobile get one SMS, and one validation covers both.
        return people
            .GroupBy(p => p.Mobile, StringComparer.Ordinal)
            .Select(g => new SmsRecipient(g.Key, g.Select(p => p.Person).ToList()))
            .ToList();
    }

    public static ServiceMix MixOf(IReadOnlyList<Service> services)
    {
        var websites = services.Any(s => s.Kind == ServiceKind.Website);
        var apps = services.Any(s => s.Kind == ServiceKind.App);
        return (websites, apps) switch
        {
            (true, true) => ServiceMix.WebsiteAndApp,
            (false, true) => ServiceMix.AppOnly,
            (true, false) => ServiceMix.WebsiteOnly,
            _ => ServiceMix.Any,
        };
    }
}
