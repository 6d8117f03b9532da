using Xunit;

namespace ProviderSuite.Tests;

/// <summary>The README's example of a .NET suite is this suite's own code, so that what it shows compiles and passes.</summary>
public sealed class ReadmeTests
{
    [Theory]
    [InlineData("RegulatorFixture.cs")]
    [InlineData("ExchangeTests.cs")]
    public void The_readme_shows_the_file_as_it_is(string file)
    {
        var readme = File.ReadAllText(BuiltPackages.Setting("IcpReadme")).ReplaceLineEndings("\n");
        var code = File.ReadAllText(Path.Combine(BuiltPackages.Setting("IcpSample"), file)).ReplaceLineEndings("\n");

        Assert.True(readme.Contains($"```csharp\n{code}```\n", StringComparison.Ordinal),
            $"README.md does not show samples/ProviderSuite/{file} as it is: copy the file into its ```csharp block.");
    }
}
