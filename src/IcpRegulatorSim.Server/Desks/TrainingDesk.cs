using System.Security.Cryptography;
using System.Text;
using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Server.Security;
using IcpRegulatorSim.Server.Storage;

namespace IcpRegulatorSim.Server.Desks;

/// <summary>What the trainer's desk and the reviewer's console read, and the sample filing that starts a class.</summary>
public sealed class TrainingDesk(FilingDesk filings, Writer writer, Database database, RuleBook rules)
{
    /// <summary>The access provider that the trainer's desk files samples as, in every world.</summary>
    public const string ProviderId = "trainer-desk";

    public const string ProviderName = "培训控制台示例接入商 (the trainer's desk)";

    public async Task<FilingOrder> SubmitSampleAsync(string world, SampleRequest request, CancellationToken cancellationToken)
    {
        var (seed, number) = await writer.RunAsync(world, s =>
        {
            WorldStore.EnsureProvider(s.Db, s.WorldId, ProviderId, ProviderName, null);
            return (s.Seed, s.TakeSampleNumber());
        }, cancellationToken);
        var filing = SampleFiling.Make(rules, request, seed, number);
        var key = $"sample-{number}";
        var command = new SubmitCommand(key, SHA256.HashData(Encoding.UTF8.GetBytes(key)),
            new OrderRequest(FilingType.Initial, filing.Subject, filing.Services, "", [], ""),
            request.Scenario.Trim().Length == 0 ? null : request.Scenario.Trim());
        var submission = await filings.SubmitAsync(new ProviderCaller(world, ProviderId), command, cancellationToken);
        return submission.Order;
    }

    public FilingOrder? Find(string world, string orderId) => database.Read(db => OrderStore.Find(db, world, orderId.Trim()));

    public IReadOnlyList<FilingOrder> Recent(string world, int limit) => database.Read(db => OrderStore.ListRecent(db, world, "", limit));

    /// <summary>What the registry knows of the order's domains and certificate numbers: registrations and the blacklist.</summary>
    public RegistryFacts Facts(string world, FilingOrder order)
    {
        var subject = order.Filing.Subject;
        var certificates = new[] { subject.CertificateNumber, subject.Leader.CertificateNumber }.Where(c => c.Length > 0).Distinct().ToList();
        return database.Read(db => DomainRegistryStore.Facts(db, world, order.Filing.Services.SelectMany(s => s.Domains).ToList(), certificates));
    }

    /// <summary>Everything that happened to one order, in order: its steps, each message with the text that went out.</summary>
    public IReadOnlyList<TimelineEntry> Timeline(string world, FilingOrder order)
    {
        // The order's messages in the outbox follow its message steps one for one, in the same order.
        var messages = new Queue<MessageRow>(database.Read(db => OutboxStore.List(db, world, "", order.OrderId, 0, MaxMessages)));
        return order.Steps.Select(step => TimelineEntry.Of(step, order, step.Kind == OrderEventKind.Message && messages.Count > 0 ? messages.Dequeue() : null)).ToList();
    }

    public const int MaxMessages = 1000;
}
