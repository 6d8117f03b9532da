using System.Globalization;
using System.Reflection;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>The numbered migration scripts compiled into the server (<c>NNN_name.sql</c>), one folder per store.</summary>
internal static class Migrations
{
    /// <summary>The scripts of the folder whose resource names contain <paramref name="folder"/>, by number.</summary>
    public static IReadOnlyList<(int Number, string Sql)> In(string folder)
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(folder, StringComparison.Ordinal) + folder.Length)..];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (int.Parse(file[..file.IndexOf('_')], CultureInfo.InvariantCulture), reader.ReadToEnd());
            })
            .OrderBy(m => m.Item1)
            .ToList();
    }
}
