using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HttpClientGuard.Runtime.Bench;

// A short in-process job: a few minutes on a shared 2-core machine, enough to compare ratios, not for publication-grade
// confidence intervals; median and minimum are shown because other processes inflate the mean. Pass BenchmarkDotNet arguments (e.g. --filter *CreateClient*) to pick benchmarks.
if (args.Contains("--connections"))
{
    await ConnectionReport.PrintAsync(concurrency: 8);
    return;
}

if (args.Contains("--overhead"))
{
    await InterleavedOverhead.PrintAsync(rounds: 15);
    return;
}

if (args.Contains("--interleaved"))
{
    await InterleavedThroughput.PrintAsync(concurrency: 8, rounds: 60);
    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithLaunchCount(1))
    .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(CreateClientBenchmarks).Assembly).Run(args, config);
