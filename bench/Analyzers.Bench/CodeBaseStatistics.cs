using System.Collections.Generic;
using System.Linq;
using HttpClientGuard.Bench.Generation;

namespace HttpClientGuard.Bench;

internal sealed record CodeBaseStatistics(int Files, int Lines, int HttpFiles, long Characters)
{
    public static CodeBaseStatistics Of(IReadOnlyList<GeneratedFile> files) => new(
        files.Count,
        files.Sum(file => file.Text.Count(ch => ch == '\n')),
        files.Count(file => file.UsesHttpClient),
        files.Sum(file => (long)file.Text.Length));
}
