using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedContentStream;

/// <summary>
/// The framework's XML readers made over a stream by <c>JsonReaderWriterFactory.CreateJsonReader</c> and
/// <c>XmlDictionaryReader.CreateTextReader / CreateBinaryReader</c> close the stream when they are disposed (measured on
/// .NET 10), so a disposed reader releases the stream, and an undisposed one leaves it to nobody. <c>XmlReader.Create(stream)</c>
/// leaves the stream open: disposing that reader releases nothing.
/// </summary>
[Trait("Rule", "HCG004")]
public sealed class HCG004ClosingReaderFactoryTests
{
    private const string Usings = """
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Runtime.Serialization.Json;
        using System.Threading.Tasks;
        using System.Xml;
        using System.Xml.Linq;

        """;

    private static Task VerifyAsync(string body) =>
        Verify<UndisposedContentStreamAnalyzer>.DiagnosticsAsync(Usings + body, TestOptions.Default with { Targets = Targets.Net80 });

    [Fact]
    public Task StreamReadByADisposedReader_NoDiagnostic() => VerifyAsync("""
        static class Store
        {
            private static readonly HttpClient Client = new HttpClient();

            internal static async Task<string> LatestPackage(string index)
            {
                using (var reader = JsonReaderWriterFactory.CreateJsonReader(await Client.GetStreamAsync(index), XmlDictionaryReaderQuotas.Max))
                {
                    return XElement.Load(reader).Descendants("packageContent").Last().Value;
                }
            }

            internal static async Task<string> Manifest(string url)
            {
                var stream = await Client.GetStreamAsync(url);
                using (var reader = XmlDictionaryReader.CreateTextReader(stream, XmlDictionaryReaderQuotas.Max))
                {
                    return XElement.Load(reader).Name.LocalName;
                }
            }
        }
        """);

    [Fact]
    public Task StreamReadByAReaderNobodyDisposes_Diagnostic() => VerifyAsync("""
        static class Store
        {
            private static readonly HttpClient Client = new HttpClient();

            internal static async Task<string> LatestPackage(string index)
            {
                var reader = JsonReaderWriterFactory.CreateJsonReader({|HCG004:await Client.GetStreamAsync(index)|}, XmlDictionaryReaderQuotas.Max);
                return XElement.Load(reader).Descendants("packageContent").Last().Value;
            }
        }
        """);

    [Fact]
    public Task StreamUnderAnXmlReaderThatLeavesItOpen_Diagnostic() => VerifyAsync("""
        static class Store
        {
            private static readonly HttpClient Client = new HttpClient();

            internal static async Task<string> Manifest(string url)
            {
                using (var reader = XmlReader.Create({|HCG004:await Client.GetStreamAsync(url)|}))
                {
                    return XElement.Load(reader).Name.LocalName;
                }
            }
        }
        """);
}
