using System.Data.Common;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// The read a command makes first, declared when it is queued. On a connection that sends statements together
/// (PostgreSQL's), the writer makes the declared reads of a batch's commands in one round trip as soon as it holds
/// their world, instead of one round trip each. The keys the read stands on tell when a command before it in the
/// batch may have changed what was read; then, and whenever the batch did something it cannot tell apart (a deadline,
/// a command that declared nothing), the command reads again for itself.
/// </summary>
public abstract class DeclaredRead(string sql, object? args, IReadOnlyCollection<string> keys)
{
    internal string Sql { get; } = sql;
    internal object? Args { get; } = args;

    /// <summary>What the read stands on, each named as every command that declares it names it (e.g. "subject:…").</summary>
    internal IReadOnlyCollection<string> Keys { get; } = keys;

    internal bool Loaded { get; private protected set; }

    /// <summary>Takes the read's rows, made together with the batch's others.</summary>
    internal abstract void Load(DbDataReader reader);

    /// <summary>Forgets what was read: the transaction it was read in did not commit.</summary>
    internal abstract void Forget();
}

/// <summary>
/// A declared read whose rows make a <typeparamref name="T"/>. What it finds may name more keys than it was declared
/// with (<paramref name="found"/>: the orders of a mobile's codes, say): a command before it that touched one of those
/// makes it read again, and the command touches them too.
/// </summary>
public sealed class DeclaredRead<T>(
    string sql, object? args, IReadOnlyCollection<string> keys, Func<DbDataReader, T> parse, Func<DbSession, T> read,
    Func<T, IEnumerable<string>>? found = null)
    : DeclaredRead(sql, args, keys)
{
    private T? result;

    /// <summary>
    /// What the command reads: what the batch read for it, if nothing since can have changed it; else read now.
    /// </summary>
    public T Take(WriteSession session)
    {
        if (session.Claim(this, Loaded && found is not null ? found(result!) : []) && Loaded)
        {
            return result!;
        }
        var fresh = read(session.Db);
        if (found is not null)
        {
            session.Touch(found(fresh));
        }
        return fresh;
    }

    internal override void Load(DbDataReader reader)
    {
        result = parse(reader);
        Loaded = true;
    }

    internal override void Forget()
    {
        result = default;
        Loaded = false;
    }
}
