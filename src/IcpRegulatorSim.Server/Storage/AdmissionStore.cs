using Dapper;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>What a submission needs to know before the rules decide, read in one statement.</summary>
public sealed record Gathered(IdempotentAnswer? Answer, FiledSubject? Subject, string? OpenOrderId, IReadOnlyList<IdentifierHolder> Holders);

/// <summary>A row of the lookups: each kind fills the columns it has, and leaves the others NULL (PostgreSQL types every column of a union).</summary>
public sealed record GatheredRow
{
    public string Kind { get; init; } = "";
    public string? Text1 { get; init; }
    public string? Text2 { get; init; }
    public string? Text3 { get; init; }
    /// <summary>A BLOB; a document may also be JSON text, as written before documents were compressed.</summary>
    public object? Blob1 { get; init; }
    public object? Blob2 { get; init; }
}

/// <summary>
/// The lookups of a submission — the first answer to its idempotency key, the filed subject, an order of it in
/// process, the holders of its domains and apps — in one statement: on the single writer, every statement counts.
/// </summary>
internal static class AdmissionStore
{
    private const string Select = """
        SELECT 'answer' AS kind, NULL AS text1, NULL AS text2, NULL AS text3, request_hash AS blob1, response AS blob2 FROM idempotency_keys
          WHERE world_id = @World AND provider_id = @ProviderId AND idempotency_key = @IdempotencyKey
        UNION ALL
        SELECT 'subject', NULL, NULL, NULL, document, NULL FROM subjects WHERE world_id = @World AND subject_key = @SubjectKey
        UNION ALL
        SELECT 'open', order_id, NULL, NULL, NULL, NULL FROM orders WHERE world_id = @World AND subject_key = @SubjectKey AND status IN (1, 2)
        UNION ALL
        SELECT 'holder', i.identifier, s.subject_key, i.service_number, NULL, NULL
          FROM filed_identifiers i JOIN subjects s ON s.world_id = i.world_id AND s.subject_number = i.subject_number
          WHERE i.world_id = @World AND i.identifier IN (SELECT value FROM json_each(@Identifiers))
        UNION ALL
        SELECT 'holder', identifier, subject_key, NULL, NULL, NULL FROM order_claims
          WHERE world_id = @World AND identifier IN (SELECT value FROM json_each(@Identifiers))
        """;

    /// <param name="idempotencyKey">The submission's key; empty for the filing-type check, which has none and needs no answer.</param>
    /// <param name="subjectKey">The subject's certificate, when the request names it (else the subject is looked up by number first).</param>
    public static Gathered Gather(
        DbSession db, string world, string providerId, string idempotencyKey, string subjectKey, IReadOnlyCollection<string> identifiers) =>
        Parse(db.Query<GatheredRow>(Select, Args(world, providerId, idempotencyKey, subjectKey, identifiers)));

    /// <summary>
    /// The lookups of a submission as the read its command declares (see <see cref="DeclaredRead"/>): it stands on its
    /// idempotency key, its subject and its domains' and apps' identifiers, which the submissions before it in a batch
    /// may have claimed. Its people's <paramref name="mobiles"/> are keys too: the order it makes sends them codes,
    /// which a validation read ahead for the same mobile has not seen.
    /// </summary>
    public static DeclaredRead<Gathered> Declare(
        string world, string providerId, string idempotencyKey, string subjectKey, IReadOnlyCollection<string> identifiers,
        IEnumerable<string> mobiles)
    {
        string[] keys =
        [
            $"idempotency:{providerId}\n{idempotencyKey}", $"subject:{subjectKey}", .. identifiers.Select(i => $"identifier:{i}"),
            .. mobiles.Select(OrderStore.MobileKey),
        ];
        return new DeclaredRead<Gathered>(Select, Args(world, providerId, idempotencyKey, subjectKey, identifiers), keys,
            reader =>
            {
                var rows = new List<GatheredRow>();
                var parse = reader.GetRowParser<GatheredRow>();
                while (reader.Read())
                {
                    rows.Add(parse(reader));
                }
                return Parse(rows);
            },
            db => Gather(db, world, providerId, idempotencyKey, subjectKey, identifiers));
    }

    private static object Args(string world, string providerId, string idempotencyKey, string subjectKey, IReadOnlyCollection<string> identifiers) => new
    {
        World = world,
        ProviderId = providerId,
        IdempotencyKey = idempotencyKey,
        SubjectKey = subjectKey,
        Identifiers = StoreJson.Array(identifiers),
    };

    private static Gathered Parse(IEnumerable<GatheredRow> rows)
    {
        IdempotentAnswer? answer = null;
        FiledSubject? subject = null;
        string? open = null;
        var holders = new List<IdentifierHolder>();
        foreach (var row in rows)
        {
            switch (row.Kind)
            {
                case "answer":
                    answer = new IdempotentAnswer((byte[])row.Blob1!, StoreJson.Read<Domain.Filings.FilingOrder>(row.Blob2!));
                    break;
                case "subject":
                    subject = StoreJson.Read<FiledSubject>(row.Blob1!);
                    break;
                case "open":
                    open = row.Text1;
                    break;
                default:
                    holders.Add(new IdentifierHolder(row.Text1!, row.Text2!, row.Text3));
                    break;
            }
        }
        return new Gathered(answer, subject, open, holders);
    }
}
