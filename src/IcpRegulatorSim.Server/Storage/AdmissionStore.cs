using Dapper;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>What a submission needs to know before the rules decide, read in one statement.</summary>
public sealed record Gathered(IdempotentAnswer? Answer, FiledSubject? Subject, string? OpenOrderId, IReadOnlyList<IdentifierHolder> Holders);

public sealed record GatheredRow
{
    public string Kind { get; init; } = "";
    public object? A { get; init; }
    public object? B { get; init; }
    public string? C { get; init; }
}

/// <summary>
/// The lookups of a submission — the first answer to its idempotency key, the filed subject, an order of it in
/// process, the holders of its domains and apps — in one statement: on the single writer, every statement counts.
/// </summary>
internal static class AdmissionStore
{
    private const string Select = """
        SELECT 'answer' AS kind, hex(request_hash) AS a, response AS b, NULL AS c FROM idempotency_keys
          WHERE world_id = @World AND provider_id = @ProviderId AND idempotency_key = @IdempotencyKey
        UNION ALL
        SELECT 'subject', document, NULL, NULL FROM subjects WHERE world_id = @World AND subject_key = @SubjectKey
        UNION ALL
        SELECT 'open', order_id, NULL, NULL FROM orders WHERE world_id = @World AND subject_key = @SubjectKey AND status IN (1, 2)
        UNION ALL
        SELECT 'holder', i.identifier, s.subject_key, i.service_number
          FROM filed_identifiers i JOIN subjects s ON s.world_id = i.world_id AND s.subject_number = i.subject_number
          WHERE i.world_id = @World AND i.identifier IN (SELECT value FROM json_each(@Identifiers))
        UNION ALL
        SELECT 'holder', identifier, subject_key, NULL FROM order_claims WHERE world_id = @World AND identifier IN (SELECT value FROM json_each(@Identifiers))
        """;

    /// <param name="idempotencyKey">The submission's key; empty for the filing-type check, which has none and needs no answer.</param>
    /// <param name="subjectKey">The subject's certificate, when the request names it (else the subject is looked up by number first).</param>
    public static Gathered Gather(
        DbSession db, string world, string providerId, string idempotencyKey, string subjectKey, IReadOnlyCollection<string> identifiers)
    {
        var rows = db.Query<GatheredRow>(Select, new
        {
            World = world,
            ProviderId = providerId,
            IdempotencyKey = idempotencyKey,
            SubjectKey = subjectKey,
            Identifiers = StoreJson.Array(identifiers),
        }).AsList();
        IdempotentAnswer? answer = null;
        FiledSubject? subject = null;
        string? open = null;
        var holders = new List<IdentifierHolder>();
        foreach (var row in rows)
        {
            switch (row.Kind)
            {
                case "answer":
                    answer = new IdempotentAnswer(Convert.FromHexString((string)row.A!), StoreJson.Read<Domain.Filings.FilingOrder>(row.B!));
                    break;
                case "subject":
                    subject = StoreJson.Read<FiledSubject>(row.A!);
                    break;
                case "open":
                    open = (string?)row.A;
                    break;
                default:
                    holders.Add(new IdentifierHolder((string)row.A!, (string)row.B!, row.C));
                    break;
            }
        }
        return new Gathered(answer, subject, open, holders);
    }
}
