using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Cli.Analysis;
using Spectre.Console;

namespace HttpClientGuard.Cli.Terminal;

/// <summary>
/// Shows scan progress on standard error: a live bar on a terminal, plain lines (at most one every few
/// seconds) when it is redirected, nothing with --no-progress. Standard output stays for the report.
/// </summary>
public static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(TextWriter error, bool enabled, bool isTerminal, Func<IScanProgress, Task<T>> scan)
    {
        if (!enabled)
        {
            return await scan(new Silent()).ConfigureAwait(false);
        }

        if (!isTerminal)
        {
            return await scan(new PlainLines(error)).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context => await scan(new Live(context)).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    private sealed class Silent : IScanProgress
    {
        public void Stage(string description)
        {
        }

        public void StartFiles(int total)
        {
        }

        public void FileDone()
        {
        }
    }

    private sealed class PlainLines : IScanProgress
    {
        private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(5);
        private readonly TextWriter _error;
        private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
        private readonly object _gate = new();
        private int _total;
        private int _done;

        public PlainLines(TextWriter error) => _error = error;

        public void Stage(string description)
        {
            lock (_gate)
            {
                _error.WriteLine("hcg: " + description);
            }
        }

        public void StartFiles(int total)
        {
            _total = total;
            Stage($"analyzing {total} files");
            _sinceLastLine.Restart();
        }

        public void FileDone()
        {
            var done = Interlocked.Increment(ref _done);
            if (_sinceLastLine.Elapsed < s_interval)
            {
                return;
            }

            lock (_gate)
            {
                if (_sinceLastLine.Elapsed >= s_interval)
                {
                    _error.WriteLine($"hcg: analyzed {done}/{_total} files");
                    _sinceLastLine.Restart();
                }
            }
        }
    }

    private sealed class Live : IScanProgress
    {
        private readonly ProgressTask _task;
        private int _done;

        public Live(ProgressContext context)
        {
            _task = context.AddTask("loading", maxValue: 1);
            _task.IsIndeterminate = true;
        }

        public void Stage(string description) => _task.Description = Markup.Escape(description);

        public void StartFiles(int total)
        {
            _task.Description = $"analyzing {total} files";
            _task.MaxValue = Math.Max(1, total);
            _task.IsIndeterminate = false;
        }

        public void FileDone() => _task.Value = Interlocked.Increment(ref _done);
    }
}
