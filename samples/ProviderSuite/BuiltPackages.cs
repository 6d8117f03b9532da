using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Xml.Linq;
using Xunit;

namespace ProviderSuite.Tests;

/// <summary>The packages `make packages` has just built, and where this suite was told they are (its project file says).</summary>
public static class BuiltPackages
{
    /// <summary>The one package of <paramref name="id"/> in the package folder: its path and the version its manifest says.</summary>
    public static (string Path, string Version) Packed(string id)
    {
        // The version follows the id; a digit tells it from a longer id that starts the same.
        var path = Assert.Single(Directory.GetFiles(Setting("IcpPackages"), $"{id}.*.nupkg"), p => char.IsAsciiDigit(Path.GetFileName(p)[id.Length + 1]));
        using var archive = ZipFile.OpenRead(path);
        using var nuspec = archive.GetEntry($"{id}.nuspec")!.Open();
        return (path, XDocument.Load(nuspec).Descendants().Single(e => e.Name.LocalName == "version").Value);
    }

    /// <summary>That <paramref name="file"/> is <paramref name="entry"/> of the package, byte for byte.</summary>
    public static void AssertSameFile(string package, string entry, string file)
    {
        using var archive = ZipFile.OpenRead(package);
        using var packed = archive.GetEntry(entry)!.Open();
        Assert.True(SHA256.HashData(packed).AsSpan().SequenceEqual(SHA256.HashData(File.ReadAllBytes(file))),
            $"{file} is not the {entry} of {package}: another build under the same version, from a package cache");
    }

    public static string Setting(string key) =>
        typeof(BuiltPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
