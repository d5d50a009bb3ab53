using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// Code that does not bind (a package `hcg scan` lacks in folder mode, half-typed code in the editor) never makes a
/// creation per call by a guess. A lambda or method group handed to such a call is run by code this compilation cannot
/// see: what it returns may be kept for good (a builder's factory), so a creation it returns is quiet; a client it
/// makes, uses and drops on each run stays per call. An object of a type that does not bind keeps what its
/// constructor is given, so a creation handed into one and returned is decided by the method's callers.
/// </summary>
[Trait("Rule", "HCG001")]
[Trait("Rule", "HCG002")]
public class HCG001HCG002UnboundCallersTests
{
    private static readonly TestOptions Unbound = new() { IgnoreCompilerDiagnostics = true };

    private const string ProcessorFactory = """
        using System;
        using System.Net.Http;
        using Vendor.Telemetry;

        public static class ExporterExtensions
        {
            public static TracerBuilder AddHttpExporter(this TracerBuilder builder, Uri endpoint)
            {
                return builder.AddProcessor(sp => BuildProcessor(endpoint));
            }

            private static BatchProcessor BuildProcessor(Uri endpoint)
            {
                var client = CLIENT;
                return new BatchProcessor(client);
            }
        }
        """;

    [Fact]
    public Task FactoryLambdaHandedToACallThatDoesNotBind_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        ProcessorFactory.Replace("CLIENT", "new HttpClient { BaseAddress = endpoint }", System.StringComparison.Ordinal), Unbound);

    [Fact]
    public Task SameFactoryAlsoCalledPerRequest_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        ProcessorFactory.Replace("CLIENT", "{|HCG001:new HttpClient|} { BaseAddress = endpoint }", System.StringComparison.Ordinal)
                        .Replace(
                            "    private static BatchProcessor BuildProcessor(",
                            "    public static void Upload(Uri endpoint, string body) => BuildProcessor(endpoint).Export(body);\n\n    private static BatchProcessor BuildProcessor(",
                            System.StringComparison.Ordinal), Unbound);

    [Fact]
    public Task MethodGroupHandedToACallThatDoesNotBind_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Vendor.Telemetry;

        public static class ExporterExtensions
        {
            public static TracerBuilder AddHttpExporter(this TracerBuilder builder) => builder.AddProcessor(BuildProcessor);

            private static BatchProcessor BuildProcessor(object services) => new BatchProcessor(new HttpClient());
        }
        """, Unbound);

    [Fact]
    public Task MethodGroupThatMakesUsesAndDropsItsClient_HandedToACallThatDoesNotBind_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Vendor.Reactive;

        public class AvatarViewModel
        {
            public AvatarViewModel(IObservable<Uri> avatars) => Images = avatars.SelectMany(LoadImage);

            public IObservable<Stream> Images { get; }

            private async Task<Stream> LoadImage(Uri uri)
            {
                var client = {|HCG001:new HttpClient()|};
                var bytes = await client.GetByteArrayAsync(uri);
                return new MemoryStream(bytes);
            }
        }
        """, Unbound);

    [Fact]
    public Task MethodRunFromALambdaHandedToACallThatDoesNotBind_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Vendor.Phone;

        public partial class SyncPage : PhonePage
        {
            private void OnSyncClick(object sender, EventArgs e)
            {
                Dispatcher.BeginInvoke(() => Upload());
            }

            private async void Upload()
            {
                await Task.Yield();
                Download();
            }

            private async void Download()
            {
                using (var client = {|HCG001:new HttpClient()|})
                {
                    await client.GetStringAsync("http://example.com/sync");
                }
            }
        }
        """, Unbound);

    [Fact]
    public Task MethodGroupThatReturnsItsClient_HandedToACallThatDoesNotBind_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using Vendor.Hosting;

        public class Startup
        {
            public void Configure(ServiceBuilder services) => services.AddShared(CreateClient);

            private static HttpClient CreateClient(IServiceProvider provider)
            {
                var client = new HttpClient();
                client.Timeout = TimeSpan.FromSeconds(30);
                return client;
            }
        }
        """, Unbound);

    [Fact]
    public Task MethodGroupHandedToACallThatDoesNotBind_AlsoCalledInALoop_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Vendor.Telemetry;

        public static class ExporterExtensions
        {
            public static TracerBuilder AddHttpExporter(this TracerBuilder builder) => builder.AddProcessor(BuildProcessor);

            public static void ExportAll(object[] batches)
            {
                foreach (var batch in batches)
                {
                    BuildProcessor(batch).Export(batch);
                }
            }

            private static BatchProcessor BuildProcessor(object services) => new BatchProcessor({|HCG001:new HttpClient()|});
        }
        """, Unbound);

    [Fact]
    public Task ClientHandedIntoAnObjectOfAnUnboundTypeAndReturned_NoCallerHere_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using Vendor.Telemetry;

        public static class Processors
        {
            public static BatchProcessor Create(Uri endpoint)
            {
                var client = new HttpClient { BaseAddress = endpoint };
                return new BatchProcessor(client);
            }
        }
        """, Unbound);

    [Fact]
    public Task ClientHandedIntoAnObjectOfAnUnboundTypeAndUsedThere_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using Vendor.Telemetry;

        public static class Processors
        {
            public static void Flush(Uri endpoint, string body)
            {
                var client = {|HCG001:new HttpClient|} { BaseAddress = endpoint };
                var processor = new BatchProcessor(client);
                processor.Export(body);
            }
        }
        """, Unbound);

    [Fact]
    public Task ClientHandedToAStaticCallThatDoesNotBindAndReturned_NoCallerHere_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using Vendor.Telemetry;

        public static class Readers
        {
            public static MetricReader Create(Uri endpoint)
            {
                var client = new HttpClient { BaseAddress = endpoint };
                return PeriodicReaderHelper.CreateReader(client, TimeSpan.FromSeconds(60));
            }
        }
        """, Unbound);

    [Fact]
    public Task ClientHandedToAStaticCallThatDoesNotBind_ResultDropped_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using Vendor.Telemetry;

        public static class Readers
        {
            public static void Flush(Uri endpoint)
            {
                var client = {|HCG001:new HttpClient|} { BaseAddress = endpoint };
                PeriodicReaderHelper.CreateReader(client, TimeSpan.FromSeconds(60)).Flush();
            }
        }
        """, Unbound);

    [Fact]
    public Task ClientInOptionsHandedToAForCallThatDoesNotBindAndReturned_NoCallerHere_NoDiagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System;
        using System.Net.Http;
        using Grpc.Net.Client;

        internal static class ChannelFactory
        {
            public static GrpcChannel CreateChannel(Uri address) =>
                GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpClient = new HttpClient(new SocketsHttpHandler(), true), DisposeHttpClient = true });
        }
        """, Unbound);

    [Fact]
    public Task ClientHandedToAFormatCallThatDoesNotBindAndReturned_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Vendor.Text;

        public static class Snapshot
        {
            public static string Describe() => Printer.Format({|HCG001:new HttpClient()|});
        }
        """, Unbound);

    [Fact]
    public Task ClientHandedToACallThatDoesNotBindNamedOtherwiseAndReturned_Diagnostic() => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync("""
        using System.Net.Http;
        using Vendor.Serialization;

        public static class Snapshot
        {
            public static string Describe() => Serializer.Serialize({|HCG001:new HttpClient()|});
        }
        """, Unbound);
}
