using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Internals;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.ConnectionOwner;

/// <summary>
/// HCG008 for the user's own SDKs (<c>httpclientguard.connection_owner_types</c>), and the analyzer's
/// catalogue kept in step with docs/rules/HCG008-catalogue.tsv.
/// </summary>
[Trait("Rule", "HCG008")]
public class HCG008UserTypesAndCatalogueTests
{
    private const string BillingSdk = """
        namespace Contoso.Billing
        {
            public sealed class BillingClient
            {
                public BillingClient(string url) { }

                public string Get(string path) => path;
            }

            public static class Clients
            {
                public static BillingClient Create(string url) => new BillingClient(url);
            }
        }
        """;

    private static Task VerifyAsync(string source, string? editorConfig = null, string? globalConfig = null, string sdk = BillingSdk) =>
        Verify<ConnectionOwnerAnalyzer>.DiagnosticsAsync(new[] { sdk, source }, new TestOptions { EditorConfig = editorConfig, GlobalConfig = globalConfig });

    [Fact]
    public Task UserTypeInEditorConfig_PerCall_Diagnostic() => VerifyAsync("""
        using Contoso.Billing;

        public class Invoices
        {
            public string Get(string url) => {|HCG008:new BillingClient(url)|}.Get("/invoices");
        }
        """,
        // The SDK's public factory has no caller here: its callers decide, so it is quiet.
        editorConfig: "[*.cs]\nhttpclientguard.connection_owner_types = Contoso.Billing.BillingClient\n");

    [Fact]
    public Task UserFactoryInGlobalConfig_PerCallInLoop_Diagnostic() => VerifyAsync("""
        using Contoso.Billing;

        public class Invoices
        {
            public void GetAll(string[] urls)
            {
                foreach (var url in urls)
                {
                    {|HCG008:Clients.Create(url)|}.Get("/invoices");
                }
            }
        }
        """, globalConfig: "httpclientguard.connection_owner_types = Contoso.Billing.Clients.Create; Contoso.Missing.Type");

    [Fact]
    public Task UserTypeInStoredDelegate_InvokedPerCall_Diagnostic() => VerifyAsync("""
        using System;
        using Contoso.Billing;

        public class Invoices
        {
            public Func<BillingClient> ClientFactory { get; set; } = () => {|HCG008:new BillingClient("https://billing")|};

            public string Get() => ClientFactory().Get("/invoices");
        }
        """, editorConfig: "[*.cs]\nhttpclientguard.connection_owner_types = Contoso.Billing.BillingClient\n");

    [Fact]
    public Task UserTypeInStoredDelegate_InvokedOncePerSingleton_NoDiagnostic() => VerifyAsync("""
        using System;
        using Contoso.Billing;

        public class BillingOptions
        {
            public Func<BillingClient> ClientFactory { get; set; } = () => new BillingClient("https://billing");
        }

        public class Invoices
        {
            private static readonly Invoices s_instance = new Invoices(new BillingOptions());
            private readonly BillingClient _client;

            private Invoices(BillingOptions options) => _client = options.ClientFactory();

            public static string Get() => s_instance._client.Get("/invoices");
        }
        """, editorConfig: "[*.cs]\nhttpclientguard.connection_owner_types = Contoso.Billing.BillingClient\n");

    [Fact]
    public Task UserType_StaticReadonlyAndLazy_NoDiagnostic() => VerifyAsync("""
        using System;
        using Contoso.Billing;

        public class Invoices
        {
            private static readonly BillingClient s_client = new BillingClient("https://billing");
            private static readonly Lazy<BillingClient> s_lazy = new Lazy<BillingClient>(() => Clients.Create("https://billing"));

            public string Get() => s_client.Get("/invoices") + s_lazy.Value.Get("/due");
        }
        """, editorConfig: "[*.cs]\nhttpclientguard.connection_owner_types = Contoso.Billing.BillingClient, Contoso.Billing.Clients.Create\n");

    [Fact]
    public Task UserType_NotConfigured_NoDiagnostic() => VerifyAsync("""
        using Contoso.Billing;

        public class Invoices
        {
            public string Get(string url) => new BillingClient(url).Get("/invoices");
        }
        """);

    [Fact]
    public Task UserType_ConfiguredForOtherFilesOnly_NoDiagnostic() => VerifyAsync("""
        using Contoso.Billing;

        public class Invoices
        {
            public string Get(string url) => new BillingClient(url).Get("/invoices");
        }
        """, editorConfig: "[Legacy/**.cs]\nhttpclientguard.connection_owner_types = Contoso.Billing.BillingClient\n");

    /// <summary>Every reported row of the catalogue file is in the analyzer, and no quiet row is.</summary>
    [Fact]
    public void Catalogue_MatchesTheCatalogueFile()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "rules", "HCG008-catalogue.tsv"));
        var header = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(header, name);
        var rows = lines.Skip(1).Where(line => line.Length > 0).Select(line => line.Split('\t')).ToList();
        Assert.NotEmpty(rows);

        string KeyOf(string type, string creation) =>
            creation == "ctor" ? type : type + "." + creation.Substring(creation.IndexOf(':') + 1);

        var reported = rows
            .Where(row => row[Column("verdict")] is "reported" or "reported-vendor-guidance")
            .Select(row => KeyOf(row[Column("type")], row[Column("creation")]))
            .ToHashSet(StringComparer.Ordinal);
        var quiet = rows
            .Where(row => row[Column("verdict")].StartsWith("quiet", StringComparison.Ordinal))
            .Select(row => row[Column("type")])
            .ToHashSet(StringComparer.Ordinal);
        var inAnalyzer = ConnectionOwnerCatalogue.Entries.Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(reported.OrderBy(k => k, StringComparer.Ordinal), inAnalyzer.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Empty(ConnectionOwnerCatalogue.Entries.Where(entry => quiet.Contains(entry.TypeName)));
        Assert.All(
            rows.Where(row => row[Column("verdict")] == "reported-vendor-guidance"),
            row => Assert.True(ConnectionOwnerCatalogue.Entries.Single(entry => entry.Key == KeyOf(row[Column("type")], row[Column("creation")])).VendorGuidance));
    }

    /// <summary>Each quiet_when shape of the file is one of the entry's shapes.</summary>
    [Fact]
    public void Catalogue_QuietShapesMatchTheCatalogueFile()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "rules", "HCG008-catalogue.tsv"));
        var header = lines[0].Split('\t');
        var type = Array.IndexOf(header, "type");
        var creation = Array.IndexOf(header, "creation");
        var quietWhen = Array.IndexOf(header, "quiet_when");
        foreach (var entry in ConnectionOwnerCatalogue.Entries)
        {
            var row = lines.Skip(1).Select(line => line.Split('\t')).Single(r =>
                r[type] == entry.TypeName && (r[creation] == "ctor" ? entry.MethodName is null : r[creation].EndsWith(":" + entry.MethodName, StringComparison.Ordinal)));
            var fileShapes = row[quietWhen].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).OrderBy(s => s, StringComparer.Ordinal);
            var codeShapes = entry.QuietWhen.Select(shape => shape.Kind switch
            {
                QuietShapeKind.Parameter => "param:" + shape.TypeName,
                QuietShapeKind.ArgumentIsTrue => "arg:" + shape.MemberName + "=true",
                _ => "property:" + shape.TypeName + "." + shape.MemberName + (shape.ExceptValueType is null ? string.Empty : "!" + shape.ExceptValueType),
            }).OrderBy(s => s, StringComparer.Ordinal);
            Assert.Equal(fileShapes, codeShapes);
        }
    }
}
