using IcpRegulatorSim.Domain.Checks;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Sms;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks;

/// <summary>
/// The regulator's public SMS validation page: validate a code, or ask for a new one. The mobile, the last six of the
/// certificate and the code are read as typed, full-width digits included (see TypedIdentifiers).
/// </summary>
public sealed class SmsDesk(Writer writer, RuleBook rules, ISmsCodes codes, RegulatorMetrics metrics)
{
    public async Task<ValidationAttempt> ValidateAsync(string world, string mobile, string certificateSuffix, string code, CancellationToken cancellationToken)
    {
        (mobile, certificateSuffix, code) = (TypedIdentifiers.Normalize(mobile), TypedIdentifiers.Certificate(certificateSuffix), TypedIdentifiers.Normalize(code));
        var v = new Violations();
        CheckPerson(v, mobile, certificateSuffix);
        if (v.Required("code", code) && (code.Length != SmsValidation.CodeLength || !code.All(char.IsAsciiDigit)))
        {
            v.Add("code", "INVALID_FORMAT", FieldTexts.Code);
        }
        v.ThrowIfAny();
        var entries = OrderStore.DeclareSmsEntries(world, mobile);
        var attempt = await writer.RunAsync(world, s =>
        {
            var orders = PendingOrders(entries.Take(s), certificateSuffix, out _);
            var attempt = ValidationPage.Validate(orders.Select(o => o.Order), mobile, certificateSuffix, code, codes, s.Now, rules, s.Planner(rules));
            SaveAll(s, orders);
            return attempt;
        }, entries, cancellationToken);
        metrics.Validated(attempt.Outcome);
        return attempt;
    }

    public async Task<ResendOutcome> ResendAsync(string world, string mobile, string certificateSuffix, CancellationToken cancellationToken)
    {
        (mobile, certificateSuffix) = (TypedIdentifiers.Normalize(mobile), TypedIdentifiers.Certificate(certificateSuffix));
        var v = new Violations();
        CheckPerson(v, mobile, certificateSuffix);
        v.ThrowIfAny();
        var entries = OrderStore.DeclareSmsEntries(world, mobile);
        var outcome = await writer.RunAsync(world, s =>
        {
            var orders = PendingOrders(entries.Take(s), certificateSuffix, out var known);
            var outcome = ValidationPage.Resend(known, orders.Select(o => o.Order), mobile, certificateSuffix, codes, s.Now, rules);
            SaveAll(s, orders);
            return outcome;
        }, entries, cancellationToken);
        metrics.Resent(outcome);
        return outcome;
    }

    /// <summary>
    /// The entity leader answers the administration's verification call on <paramref name="mobile"/>: every call still
    /// ringing there; returns the orders they were about. Refused when none is.
    /// </summary>
    public Task<IReadOnlyList<string>> AnswerCallAsync(string world, string mobile, CancellationToken cancellationToken)
    {
        mobile = TypedIdentifiers.Normalize(mobile);
        var v = new Violations();
        v.Mobile("mobile", mobile);
        v.ThrowIfAny();
        return writer.RunAsync(world, s =>
        {
            var ringing = OutboxStore.CallOrders(s.Db, s.WorldId, mobile)
                .Select(id => OrderStore.Find(s.Db, s.WorldId, id)!)
                .Where(o => o.Status == OrderStatus.UnderReview && o.Call is { AnsweredAt: null } call && s.Now <= call.AnswerBy)
                .ToList();
            if (ringing.Count == 0)
            {
                throw RegulatorErrors.Refuse(RegulatorErrors.NoCallRinging, "MOBILE", mobile, RefusalTexts.NoCallRinging(mobile));
            }
            foreach (var order in ringing)
            {
                order.AnswerVerificationCall(s.Now);
                s.Save(order, isNew: false);
            }
            return (IReadOnlyList<string>)ringing.Select(o => o.OrderId).ToList();
        }, cancellationToken);
    }

    private static List<(FilingOrder Order, KnownTimer Timer)> PendingOrders(IReadOnlyList<SmsIndexRow> sent, string certificateSuffix, out bool known)
    {
        var entries = sent.Where(e => e.Matches(certificateSuffix)).ToList();
        known = entries.Count > 0;
        // Only an order awaiting validation has codes to validate (its document and timer came with its entries);
        // which of its codes are pending, its document says.
        return entries
            .Where(e => e.Status == (long)OrderStatus.AwaitingSmsValidation)
            .GroupBy(e => e.OrderId)
            .Select(g => (Order: StoreJson.Read<FilingOrder>(g.First().Document!), g.First().Timer, Items: g.Select(e => (int)e.Item).ToHashSet()))
            .Where(c => c.Order.Validations.Any(v => c.Items.Contains(v.Index) && v.State == SmsValidationState.Pending))
            .Select(c => (c.Order, c.Timer))
            .ToList();
    }

    private static void SaveAll(WriteSession s, IEnumerable<(FilingOrder Order, KnownTimer Timer)> orders)
    {
        foreach (var (order, timer) in orders)
        {
            s.Save(order, isNew: false, timer);
        }
    }

    private static void CheckPerson(Violations v, string mobile, string certificateSuffix)
    {
        v.Mobile("mobile", mobile);
        if (v.Required("certificate_suffix", certificateSuffix)
            && (certificateSuffix.Length != Person.SuffixLength || !certificateSuffix.All(char.IsAsciiLetterOrDigit)))
        {
            v.Add("certificate_suffix", "INVALID_FORMAT", FieldTexts.CertificateSuffix);
        }
    }
}
