using System;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace HttpClientGuard.Bench.Profiling;

/// <summary>
/// Wraps an analyzer so that every callback it registers is timed by the CPU time of the thread
/// running it. Unlike the driver's ExecutionTime (wall time inside callbacks), this does not count
/// a thread waiting for another one to finish binding the same member, nor a garbage collection
/// that suspends the thread mid-callback: it is the work the analyzer itself does, semantic-model
/// binding included. Only the registrations HttpClientGuard uses are forwarded; any other throws,
/// so that a rule added later cannot escape the timer unnoticed.
/// </summary>
// A wrapper the bench builds around each of our analyzers, never registered by attribute; the
// wrapped analyzer enables concurrent execution and configures generated code through it.
#pragma warning disable RS1001, RS1025, RS1026
internal sealed class CallbackCpuTimer : DiagnosticAnalyzer
#pragma warning restore RS1001, RS1025, RS1026
{
    private readonly DiagnosticAnalyzer _inner;
    private long _ticks;
    private long _callbacks;

    public CallbackCpuTimer(DiagnosticAnalyzer inner) => _inner = inner;

    public string Name => _inner.GetType().Name;

    public TimeSpan Cpu => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>How many callbacks were timed: each carries the timer's own cost (<see cref="MeasureOverhead"/>).</summary>
    public long Callbacks => Interlocked.Read(ref _callbacks);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

#pragma warning disable RS1025, RS1026 // Forwarded: the inner analyzer calls both through TimedContext.
    public override void Initialize(AnalysisContext context) => _inner.Initialize(new TimedContext(context, this));
#pragma warning restore RS1025, RS1026

    /// <summary>Whether this platform can read a thread's CPU time (Linux and Windows here).</summary>
    public static bool IsSupported => ThreadCpu.Now() is not null;

    private Action<T> Timed<T>(Action<T> action) => argument =>
    {
        var start = ThreadCpu.Now() ?? TimeSpan.Zero;
        try
        {
            action(argument);
        }
        finally
        {
            var elapsed = (ThreadCpu.Now() ?? TimeSpan.Zero) - start;
            Interlocked.Add(ref _ticks, elapsed.Ticks);
            Interlocked.Increment(ref _callbacks);
        }
    };

    /// <summary>
    /// What the timer itself adds to each callback it times: reading the thread's CPU clock is a system call
    /// (on Linux, CLOCK_THREAD_CPUTIME_ID has no vDSO path), and about one reading's cost falls between the two
    /// readings. Measured by timing an empty callback the same way, in batches on this thread; the median batch.
    /// A tight loop keeps the system call's caches warm, so this is a lower bound of the cost inside a real run.
    /// </summary>
    public static TimeSpan MeasureOverhead(int batches = 7, int callbacksPerBatch = 100_000)
    {
        var perCallback = new double[batches];
        for (var batch = 0; batch < batches; batch++)
        {
            var timer = new CallbackCpuTimer(new EmptyAnalyzer());
            var empty = timer.Timed<object?>(static _ => { });
            for (var i = 0; i < callbacksPerBatch; i++)
            {
                empty(null);
            }

            perCallback[batch] = (double)timer.Cpu.Ticks / callbacksPerBatch;
        }

        Array.Sort(perCallback);
        return TimeSpan.FromTicks((long)Math.Round(perCallback[batches / 2] * 1000)) / 1000;
    }

    // Never registered with a driver: only the empty callback of MeasureOverhead runs through the timer.
#pragma warning disable RS1001
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray<DiagnosticDescriptor>.Empty;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        }
    }

    private sealed class TimedContext : AnalysisContext
    {
        private readonly AnalysisContext _context;
        private readonly CallbackCpuTimer _timer;

        public TimedContext(AnalysisContext context, CallbackCpuTimer timer) => (_context, _timer) = (context, timer);

        public override void EnableConcurrentExecution() => _context.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _context.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            _context.RegisterCompilationStartAction(_timer.Timed<CompilationStartAnalysisContext>(start => action(new TimedStartContext(start, _timer))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw Unsupported();
    }

    private sealed class TimedStartContext : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext _context;
        private readonly CallbackCpuTimer _timer;

        public TimedStartContext(CompilationStartAnalysisContext context, CallbackCpuTimer timer)
            : base(context.Compilation, context.Options, context.CancellationToken) => (_context, _timer) = (context, timer);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            _context.RegisterSyntaxNodeAction(_timer.Timed(action), syntaxKinds);

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) =>
            _context.RegisterCompilationEndAction(_timer.Timed(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unsupported();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw Unsupported();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw Unsupported();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unsupported();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unsupported();
    }

    private static NotSupportedException Unsupported([System.Runtime.CompilerServices.CallerMemberName] string member = "") =>
        new($"The bench's CPU timer does not forward {member}; add it before measuring an analyzer that uses it.");

    /// <summary>The calling thread's CPU time: clock_gettime(CLOCK_THREAD_CPUTIME_ID) on Linux, GetThreadTimes on Windows.</summary>
    private static class ThreadCpu
    {
        private const int ClockThreadCpuTimeId = 3;

        public static TimeSpan? Now()
        {
            if (OperatingSystem.IsLinux())
            {
                return clock_gettime(ClockThreadCpuTimeId, out var time) == 0
                    ? TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100)
                    : null;
            }

            if (OperatingSystem.IsWindows())
            {
                return GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user)
                    ? TimeSpan.FromTicks(kernel + user)
                    : null;
            }

            return null;
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int clock_gettime(int clockId, out TimeSpec time);

        [DllImport("kernel32.dll")]
        private static extern IntPtr GetCurrentThread();

        [DllImport("kernel32.dll", SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
    }
}
