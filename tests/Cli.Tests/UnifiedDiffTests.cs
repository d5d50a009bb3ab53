using System.IO;
using HttpClientGuard.Cli.Fixing;
using Microsoft.CodeAnalysis.Text;

namespace HttpClientGuard.Cli.Tests;

public sealed class UnifiedDiffTests
{
    private static string Diff(string before, string after)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        UnifiedDiff.Write(writer, "src/File.cs", SourceText.From(before), SourceText.From(after));
        return writer.ToString();
    }

    [Fact]
    public void OneChangedLine_HunkWithThreeLinesOfContext()
    {
        var before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        var after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";

        Assert.Equal("--- a/src/File.cs\n+++ b/src/File.cs\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n", Diff(before, after));
    }

    [Fact]
    public void ChangesFarApart_TwoHunks_LineNumbersFollowInsertions()
    {
        var before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
        var after = "a\nnew\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\n";

        Assert.Equal(
            "--- a/src/File.cs\n+++ b/src/File.cs\n"
            + "@@ -1,4 +1,5 @@\n a\n+new\n b\n c\n d\n"
            + "@@ -9,4 +10,4 @@\n i\n j\n k\n-l\n+L\n",
            Diff(before, after));
    }

    [Fact]
    public void SameText_NoOutput()
    {
        Assert.Equal(string.Empty, Diff("same\n", "same\n"));
    }
}
