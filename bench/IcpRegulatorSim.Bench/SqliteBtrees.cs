using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace IcpRegulatorSim.Bench;

/// <summary>
/// Every B-tree of a SQLite file and the entries it holds, read through a connection of the bench's own: each table's
/// rows (a table is a B-tree keyed by its rowid, or by its primary key WITHOUT ROWID) and each index's entries, read
/// from the index itself (a covering scan, <c>INDEXED BY</c>, a partial index's own condition). Two snapshots tell
/// which entries a call wrote: those added, those removed, and the rows whose content changed.
/// </summary>
public sealed class SqliteBtrees : IDisposable
{
    private readonly SqliteConnection connection;
    private SqliteTransaction? transaction;

    public SqliteBtrees(string file)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
    }

    /// <summary>A B-tree's entries: by key, what each holds (an index's entry is its own key, and holds nothing more).</summary>
    public sealed record Tree(string Name, bool IsTable, Dictionary<string, string> Entries);

    /// <summary>Every B-tree's entries, as of one read transaction.</summary>
    public IReadOnlyList<Tree> Snapshot()
    {
        using var tx = transaction = connection.BeginTransaction(deferred: true);
        var trees = new List<Tree>();
        foreach (var (table, sql) in Objects("table"))
        {
            var withoutRowid = sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase);
            var columns = Columns(table);
            var key = withoutRowid
                ? columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => Quote(c.Name)).ToList()
                : ["rowid"];
            trees.Add(Read(table, true, $"SELECT {string.Join(", ", key)}, {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {Quote(table)}", key.Count));
            foreach (var (index, origin, partial) in Indexes(table))
            {
                // A table WITHOUT ROWID is the B-tree of its primary key: that index is the table itself.
                if (withoutRowid && origin == "pk")
                {
                    continue;
                }
                var entry = IndexColumns(index);
                var where = partial ? " WHERE " + PartialCondition(index) : "";
                trees.Add(Read(index, false, $"SELECT {string.Join(", ", entry)} FROM {Quote(table)} INDEXED BY {Quote(index)}{where}", entry.Count));
            }
        }
        transaction = null;
        return trees;
    }

    /// <summary>
    /// The entries written between two snapshots, by B-tree: added and removed, and for tables the rows whose content
    /// changed (an index's entry is all key: a changed entry is one removed and one added).
    /// </summary>
    public static Dictionary<string, long> Written(IReadOnlyList<Tree> before, IReadOnlyList<Tree> after)
    {
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        var earlier = before.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var tree in after)
        {
            var old = earlier.TryGetValue(tree.Name, out var t) ? t.Entries : [];
            long count = 0;
            foreach (var (key, content) in tree.Entries)
            {
                if (!old.TryGetValue(key, out var was) || was != content)
                {
                    count++;
                }
            }
            count += old.Keys.Count(key => !tree.Entries.ContainsKey(key));
            if (count > 0)
            {
                written[(tree.IsTable ? "table " : "index ") + tree.Name] = count;
            }
        }
        return written;
    }

    public void Dispose() => connection.Dispose();

    private Tree Read(string name, bool isTable, string sql, int keyColumns)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = Command();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var key = new StringBuilder();
        var content = new StringBuilder();
        while (reader.Read())
        {
            key.Clear();
            content.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                (i < keyColumns ? key : content).Append(Text(reader.GetValue(i))).Append('\u001f');
            }
            entries[key.ToString()] = content.ToString();
        }
        return new Tree(name, isTable, entries);
    }

    private static string Text(object value) => value switch
    {
        byte[] blob => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(blob)),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        DBNull => "\u2400",
        _ => value.ToString() ?? "",
    };

    private List<(string Name, string Sql)> Objects(string type)
    {
        using var command = Command();
        command.CommandText = "SELECT name, sql FROM sqlite_schema WHERE type = $type AND name NOT LIKE 'sqlite_%' ORDER BY name";
        command.Parameters.AddWithValue("$type", type);
        using var reader = command.ExecuteReader();
        var objects = new List<(string, string)>();
        while (reader.Read())
        {
            objects.Add((reader.GetString(0), reader.GetString(1)));
        }
        return objects;
    }

    private List<(string Name, int Pk)> Columns(string table)
    {
        using var command = Command();
        command.CommandText = $"SELECT name, pk FROM pragma_table_info({Literal(table)})";
        using var reader = command.ExecuteReader();
        var columns = new List<(string, int)>();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.GetInt32(1)));
        }
        return columns;
    }

    private List<(string Name, string Origin, bool Partial)> Indexes(string table)
    {
        using var command = Command();
        command.CommandText = $"SELECT name, origin, partial FROM pragma_index_list({Literal(table)})";
        using var reader = command.ExecuteReader();
        var indexes = new List<(string, string, bool)>();
        while (reader.Read())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0));
        }
        return indexes;
    }

    /// <summary>What an entry of the index holds: its key columns, then the rowid or the primary key that finds the row.</summary>
    private List<string> IndexColumns(string index)
    {
        using var command = Command();
        command.CommandText = $"SELECT cid, name FROM pragma_index_xinfo({Literal(index)}) ORDER BY seqno";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetInt64(0) == -1 ? "rowid" : Quote(reader.GetString(1)));
        }
        return columns;
    }

    private string PartialCondition(string index)
    {
        using var command = Command();
        command.CommandText = "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = $name";
        command.Parameters.AddWithValue("$name", index);
        var sql = (string)command.ExecuteScalar()!;
        return sql[(sql.LastIndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) + 7)..];
    }

    private SqliteCommand Command()
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
