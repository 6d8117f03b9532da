using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>The registry of filed subjects, looked up by certificate, number, service number, domain or name.</summary>
internal static class RegistryStore
{
    private const string Insert = """
        INSERT INTO subjects (world_id, subject_number, subject_key, name, province, document)
        VALUES (@World, @SubjectNumber, @SubjectKey, @Name, @Province, @Document)
        """;

    private const string Update = """
        UPDATE subjects SET subject_key = @SubjectKey, name = @Name, province = @Province, document = @Document
        WHERE world_id = @World AND subject_number = @SubjectNumber
        """;

    private const string UpdateDocument =
        "UPDATE subjects SET document = @Document WHERE world_id = @World AND subject_number = @SubjectNumber";

    private const string SelectIsFiled = "SELECT EXISTS (SELECT 1 FROM subjects WHERE world_id = @World AND subject_key = @Key)";
    private const string SelectByKey = "SELECT document FROM subjects WHERE world_id = @World AND subject_key = @Key";
    private const string SelectByNumber = "SELECT document FROM subjects WHERE world_id = @World AND subject_number = @Number";
    private const string SelectByName = "SELECT document FROM subjects WHERE world_id = @World AND name = @Name ORDER BY subject_number LIMIT 100";

    private const string SelectByServiceNumber = """
        SELECT s.document FROM filed_services f JOIN subjects s ON s.world_id = f.world_id AND s.subject_number = f.subject_number
        WHERE f.world_id = @World AND f.service_number = @Number
        """;

    private const string SelectHolders = """
        SELECT i.identifier, s.subject_key, i.service_number
        FROM filed_identifiers i JOIN subjects s ON s.world_id = i.world_id AND s.subject_number = i.subject_number
        WHERE i.world_id = @World AND i.identifier IN (SELECT value FROM json_each(@Identifiers))
        """;

    private const string DeleteSubject = "DELETE FROM subjects WHERE world_id = @World AND subject_number = @Number";
    private const string DeleteServices = "DELETE FROM filed_services WHERE world_id = @World AND subject_number = @Number";
    private const string DeleteIdentifiers = "DELETE FROM filed_identifiers WHERE world_id = @World AND subject_number = @Number";
    private const string InsertService = """
        INSERT INTO filed_services (world_id, service_number, subject_number, position, public_record)
        VALUES (@World, @ServiceNumber, @SubjectNumber, @Position, @Record)
        """;

    private const string SelectPublicByIdentifier = """
        SELECT f.public_record FROM filed_identifiers i
        JOIN filed_services f ON f.world_id = i.world_id AND f.service_number = i.service_number
        WHERE i.world_id = @World AND i.identifier = @Key
        """;

    private const string SelectPublicByServiceNumber =
        "SELECT public_record FROM filed_services WHERE world_id = @World AND service_number = @Key";

    private const string SelectPublicBySubjectNumber =
        "SELECT public_record FROM filed_services WHERE world_id = @World AND subject_number = @Key ORDER BY position";

    private const string SelectPendingBackfill = "SELECT EXISTS (SELECT 1 FROM pending_backfills WHERE name = 'public_records')";
    private const string SelectAllSubjects = "SELECT world_id AS World, document AS Document FROM subjects";
    private const string UpdatePublicRecord = """
        UPDATE filed_services SET position = @Position, public_record = @Record WHERE world_id = @World AND service_number = @ServiceNumber
        """;
    private const string InsertIdentifier = """
        INSERT INTO filed_identifiers (world_id, identifier, service_number, subject_number) VALUES (@World, @Identifier, @ServiceNumber, @SubjectNumber)
        """;

    private const string NextInSequence = """
        INSERT INTO number_sequences (world_id, scope, last_value) VALUES (@World, @Scope, @First)
        ON CONFLICT (world_id, scope) DO UPDATE SET last_value = number_sequences.last_value + 1
        RETURNING last_value
        """;

    /// <summary>Whether a subject with this certificate is filed.</summary>
    public static bool IsFiled(DbSession db, string world, string subjectKey) =>
        db.ExecuteScalar<long>(SelectIsFiled, new { World = world, Key = subjectKey }) != 0;

    public static FiledSubject? FindByKey(DbSession db, string world, string subjectKey) =>
        StoreJson.ReadFirst<FiledSubject>(db, SelectByKey, new { World = world, Key = subjectKey });

    public static FiledSubject? FindByNumber(DbSession db, string world, string subjectNumber) =>
        StoreJson.ReadFirst<FiledSubject>(db, SelectByNumber, new { World = world, Number = subjectNumber });

    public static FiledSubject? FindByServiceNumber(DbSession db, string world, string serviceNumber) =>
        StoreJson.ReadFirst<FiledSubject>(db, SelectByServiceNumber, new { World = world, Number = serviceNumber });

    public static IReadOnlyList<FiledSubject> FindByName(DbSession db, string world, string name) =>
        StoreJson.ReadAll<FiledSubject>(db, SelectByName, new { World = world, Name = name });

    /// <summary>Which filed subjects and services hold any of <paramref name="identifiers"/>.</summary>
    public static IReadOnlyList<IdentifierHolder> Holders(DbSession db, string world, IEnumerable<string> identifiers) =>
        db.Query<HolderRow>(SelectHolders, new { World = world, Identifiers = StoreJson.Array(identifiers) }).Select(r => r.ToHolder()).ToList();

    /// <summary>Persists a filed subject and rewrites its number and domain lookups.</summary>
    public static void Save(DbSession db, string world, FiledSubject subject, bool isNew)
    {
        db.Write(isNew ? Insert : Update, new
        {
            World = world,
            subject.SubjectNumber,
            SubjectKey = subject.Subject.Key,
            subject.Subject.Name,
            subject.Subject.Province,
            Document = StoreJson.Write(subject),
        });
        if (!isNew)
        {
            DeleteLookups(db, world, subject.SubjectNumber);
        }
        foreach (var (service, position, record) in PublicRecords(subject))
        {
            db.Write(InsertService, new { World = world, ServiceNumber = service.Number, subject.SubjectNumber, Position = position, Record = record });
            foreach (var identifier in service.Service.Identifiers)
            {
                db.Write(InsertIdentifier,
                    new { World = world, Identifier = identifier, ServiceNumber = service.Number, subject.SubjectNumber });
            }
        }
    }

    /// <summary>What the public query shows of the service holding a domain (or an app, as "app:" + package name), if any.</summary>
    public static IReadOnlyList<PublicRecord> PublicByIdentifier(DbSession db, string world, string identifier) =>
        ReadPublic(db, SelectPublicByIdentifier, world, identifier);

    public static IReadOnlyList<PublicRecord> PublicByServiceNumber(DbSession db, string world, string serviceNumber) =>
        ReadPublic(db, SelectPublicByServiceNumber, world, serviceNumber);

    /// <summary>What the public query shows of each service of a subject, in the subject's order.</summary>
    public static IReadOnlyList<PublicRecord> PublicBySubjectNumber(DbSession db, string world, string subjectNumber) =>
        ReadPublic(db, SelectPublicBySubjectNumber, world, subjectNumber);

    /// <summary>
    /// Gives the services of a database from before public records theirs, once: at the first start after the
    /// migration that added them, inside the start's transaction.
    /// </summary>
    public static void BackfillPublicRecords(DbSession db)
    {
        if (db.ExecuteScalar<long>(SelectPendingBackfill) == 0)
        {
            return;
        }
        foreach (var row in db.Query<StoredSubject>(SelectAllSubjects))
        {
            var subject = StoreJson.Read<FiledSubject>(row.Document);
            foreach (var (service, position, record) in PublicRecords(subject))
            {
                db.Execute(UpdatePublicRecord, new { row.World, ServiceNumber = service.Number, Position = position, Record = record });
            }
        }
        db.Execute("DELETE FROM pending_backfills WHERE name = 'public_records'");
    }

    /// <summary>Each service of a subject, its place among them, and its public record as stored.</summary>
    private static IEnumerable<(FiledService Service, int Position, byte[] Record)> PublicRecords(FiledSubject subject) =>
        subject.Services.Zip(PublicRecord.Of(subject)).Select((pair, position) => (pair.First, position, StoreJson.WritePlain(pair.Second)));

    private static IReadOnlyList<PublicRecord> ReadPublic(DbSession db, string sql, string world, string key) =>
        db.Query<byte[]>(sql, new { World = world, Key = key }).Select(StoreJson.ReadPlain<PublicRecord>).ToList();

    private sealed record StoredSubject
    {
        public string World { get; init; } = "";
        public object Document { get; init; } = "";
    }

    /// <summary>Removes a cancelled subject, its services and its domains: the public query no longer finds them.</summary>
    public static void Delete(DbSession db, string world, string subjectNumber)
    {
        db.Write(DeleteSubject, new { World = world, Number = subjectNumber });
        DeleteLookups(db, world, subjectNumber);
    }

    private static void DeleteLookups(DbSession db, string world, string subjectNumber)
    {
        var key = new { World = world, Number = subjectNumber };
        db.Write(DeleteServices, key);
        db.Write(DeleteIdentifiers, key);
    }

    /// <summary>Persists a change that touches neither the subject's numbers nor its domains (e.g. its password).</summary>
    public static void SaveDocument(DbSession db, string world, FiledSubject subject) =>
        db.Write(UpdateDocument, new { World = world, subject.SubjectNumber, Document = StoreJson.Write(subject) });

    /// <summary>The next number of a sequence (e.g. subject numbers of one province and year), starting at <paramref name="first"/>.</summary>
    public static long NextNumber(DbSession db, string world, string scope, long first) =>
        db.ExecuteScalar<long>(NextInSequence, new { World = world, Scope = scope, First = first });
}
