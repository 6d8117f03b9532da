using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Texts;

namespace IcpRegulatorSim.Domain.Checks;

/// <summary>
/// The shape of an order, per type: what it must carry and what it may not (an ADD_ACCESS may not modify filed
/// data; a CANCEL names what it cancels). Returns the request in canonical form, or throws with every violation.
/// </summary>
public static class OrderValidator
{
    private enum Part
    {
        Forbidden,
        Optional,
        Required,
    }

    // subject, services, subject_number, service_numbers, filing_password
    private static readonly Dictionary<FilingType, (Part Subject, Part Services, Part SubjectNumber, Part ServiceNumbers, Part Password)> Shapes = new()
    {
        [FilingType.Unspecified] = (Part.Required, Part.Required, Part.Optional, Part.Forbidden, Part.Forbidden),
        [FilingType.Initial] = (Part.Required, Part.Required, Part.Forbidden, Part.Forbidden, Part.Forbidden),
        [FilingType.AddService] = (Part.Required, Part.Required, Part.Optional, Part.Forbidden, Part.Forbidden),
        [FilingType.AddAccess] = (Part.Forbidden, Part.Forbidden, Part.Optional, Part.Required, Part.Required),
        [FilingType.ChangeSubject] = (Part.Required, Part.Forbidden, Part.Required, Part.Forbidden, Part.Forbidden),
        [FilingType.ChangeService] = (Part.Forbidden, Part.Required, Part.Required, Part.Forbidden, Part.Forbidden),
        [FilingType.ChangeBoth] = (Part.Required, Part.Required, Part.Required, Part.Forbidden, Part.Forbidden),
        [FilingType.CancelSubject] = (Part.Forbidden, Part.Forbidden, Part.Required, Part.Forbidden, Part.Required),
        [FilingType.CancelService] = (Part.Forbidden, Part.Forbidden, Part.Optional, Part.Required, Part.Required),
        [FilingType.CancelAccess] = (Part.Forbidden, Part.Forbidden, Part.Optional, Part.Required, Part.Forbidden),
    };

    /// <param name="v">Problems found in the rest of the request so far: they are reported with the order's, all at once.</param>
    public static OrderRequest Normalize(OrderRequest request, RuleBook rules, DateOnly today, Violations v)
    {
        if (!Shapes.TryGetValue(request.Type, out var shape))
        {
            v.Add("type", "UNKNOWN_CODE", FieldTexts.UnknownFilingType((int)request.Type));
            v.ThrowIfAny();
        }
        var filing = v.Under(OrderRequest.FilingPath);
        Subject? subject = null;
        if (Present(filing, "subject", request.Subject is not null, shape.Subject, request.Type))
        {
            subject = FilingValidator.Subject(request.Subject!, rules, today, filing);
        }
        IReadOnlyList<Service> services = [];
        if (Present(filing, "services", request.Services.Count > 0, shape.Services, request.Type))
        {
            var numbered = request.Type.IsChange();
            services = FilingValidator.Services(request.Services, numbered, rules, today, filing, subject);
        }
        var subjectNumber = "";
        if (Present(v, "subject_number", request.SubjectNumber.Trim().Length > 0, shape.SubjectNumber, request.Type))
        {
            subjectNumber = FilingValidator.NumberOf("subject_number", request.SubjectNumber, service: false, v) ?? "";
        }
        var serviceNumbers = new List<string>();
        if (Present(v, "service_numbers", request.ServiceNumbers.Count > 0, shape.ServiceNumbers, request.Type))
        {
            for (var i = 0; i < request.ServiceNumbers.Count; i++)
            {
                if (FilingValidator.NumberOf($"service_numbers[{i}]", request.ServiceNumbers[i], service: true, v) is { } number)
                {
                    if (serviceNumbers.Contains(number))
                    {
                        v.Add($"service_numbers[{i}]", "DUPLICATE", FieldTexts.ServiceNamedTwice);
                    }
                    serviceNumbers.Add(number);
                }
            }
        }
        Present(v, "filing_password", request.FilingPassword.Length > 0, shape.Password, request.Type);
        v.ThrowIfAny();
        return new OrderRequest(request.Type, subject, services, subjectNumber, serviceNumbers, request.FilingPassword);
    }

    /// <summary>Checks that a part is there when required and absent when forbidden; returns whether to check its content.</summary>
    private static bool Present(Violations v, string field, bool present, Part part, FilingType type)
    {
        switch (part)
        {
            case Part.Required when !present:
                v.Add(field, "REQUIRED", FieldTexts.PartRequired(type));
                return false;
            case Part.Forbidden when present:
                FilingValidator.NotAllowed(v, field, FieldTexts.PartNotAllowed(type));
                return false;
            default:
                return present;
        }
    }
}
