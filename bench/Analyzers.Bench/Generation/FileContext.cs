using System;

namespace HttpClientGuard.Bench.Generation;

/// <summary>What a template needs to know about the file it writes into.</summary>
internal sealed class FileContext
{
    private int _nextMember;

    public FileContext(int index, Random random)
    {
        Index = index;
        Random = random;
        Area = AreaOf(index);

        // A dependency on an earlier file in another namespace makes binding cross files, as real code does.
        Dependency = index == 0 ? 0 : random.Next(Math.Max(0, index - 300), index);
    }

    public int Index { get; }

    public Random Random { get; }

    public int Area { get; }

    public int Dependency { get; }

    /// <summary>The record every file declares.</summary>
    public string Entity => "Order" + Index;

    /// <summary>The enum every file declares.</summary>
    public string State => "Status" + Index;

    public string DependencyService => $"global::Synthetic.Area{AreaOf(Dependency)}.IOrderService{Dependency}";

    public string DependencyEntity => $"global::Synthetic.Area{AreaOf(Dependency)}.Order{Dependency}";

    public static int AreaOf(int index) => index % 60;

    /// <summary>A suffix that keeps member names unique inside the file's classes.</summary>
    public int NextMember() => ++_nextMember;

    public int Number(int min, int max) => Random.Next(min, max);

    public T Pick<T>(params T[] choices) => choices[Random.Next(choices.Length)];
}
