using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// An owner made by a private factory in one part of a partial holder and called from a constructor in another part (a
/// form's designer file and its code file): the holder's lifetime decides, read from the part the call is in. The
/// fifty-fourth set's LogUploader threw here (AD0001: the other part's declaration was bound with this part's model).
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001PartialHolderTests
{
    // {0}: how the holder is made by the per-call method; {1}/{2}: the client's markup.
    private const string HolderPart = """
        public partial class Holder
        {
            private readonly Api _api;

            public Holder()
            {
                _api = MakeApi();
            }

            public string Name => _api.ToString();
        }
        """;

    private const string FactoryPart = """
        using System.Net.Http;

        public partial class Holder
        {
            private static Api MakeApi() => new Api();
        }

        public class Api
        {
            private readonly HttpClient _client = {1}new HttpClient(){2};

            public HttpClient Client => _client;
        }

        public class Controller
        {
            {0}
        }
        """;

    private static Task VerifyAsync(string run, bool reported) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        new[]
        {
            HolderPart,
            FactoryPart.Replace("{0}", run).Replace("{1}", reported ? "{|HCG001:" : string.Empty).Replace("{2}", reported ? "|}" : string.Empty),
        });

    [Fact]
    public Task HolderMadePerCall_Diagnostic() => VerifyAsync("public string Run() => new Holder().Name;", reported: true);

    [Fact]
    public Task HolderMadeOnce_NoDiagnostic() => VerifyAsync("private static readonly Holder s_holder = new Holder(); public string Run() => s_holder.Name;", reported: false);
}
