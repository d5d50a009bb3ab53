using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// An owner a public factory makes and hands to its caller inside what it returns is the caller's to keep: followed through
/// a pattern's variable (<c>if (credentials is IDisposable disposable)</c>) and a collection in a local that the returned
/// object holds (<c>owned.Add(disposable); return new ApiClient(..., owned);</c>). Where the variable or the collection is
/// dropped, the owner is still made per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001HCG002HandedOnFlowTests
{
    // A payments SDK: Create resolves a credentials provider (which makes its own client) and hands it, through the list of
    // what the returned client owns, to its caller. {0}: Create's body after resolving; {1}, {2}: the markup.
    private const string Sdk = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;

        public interface ICredentialsProvider
        {
            string Token();
        }

        public sealed class ClientCredentialsProvider : ICredentialsProvider, IDisposable
        {
            private readonly HttpClient _httpClient = {1}new HttpClient(){2};

            public string Token() => _httpClient.GetStringAsync("https://example.org/token").Result;

            public void Dispose() => _httpClient.Dispose();
        }

        public sealed class ApiClient : IDisposable
        {
            private readonly List<IDisposable> _owned;

            internal ApiClient(List<IDisposable> owned)
            {
                _owned = owned;
            }

            public void Dispose()
            {
                foreach (var owned in _owned)
                {
                    owned.Dispose();
                }
            }
        }

        public static class Api
        {
            internal static ICredentialsProvider ResolveCredentials() => new ClientCredentialsProvider();

            public static ApiClient Create()
            {
                var credentials = ResolveCredentials();
                {0}
            }
        }
        """;

    private static Task VerifyAsync(string body, bool reported) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Sdk.Replace("{0}", body).Replace("{1}", reported ? "{|HCG001:" : string.Empty).Replace("{2}", reported ? "|}" : string.Empty));

    [Fact]
    public Task OwnerHandedOutThroughAPatternVariableAndAnOwnedList_NoDiagnostic() => VerifyAsync("""
        var owned = new List<IDisposable>();
                if (credentials is IDisposable disposable)
                {
                    owned.Add(disposable);
                }

                return new ApiClient(owned);
        """, reported: false);

    [Fact]
    public Task OwnerAddedToAListThatIsReturned_NoDiagnostic() => VerifyAsync("""
        var owned = new List<IDisposable>();
                owned.Add((IDisposable)credentials);
                return new ApiClient(owned);
        """, reported: false);

    [Fact]
    public Task OwnerAddedToAListThatIsDropped_Diagnostic() => VerifyAsync("""
        var owned = new List<IDisposable>();
                if (credentials is IDisposable disposable)
                {
                    owned.Add(disposable);
                }

                return new ApiClient(new List<IDisposable>());
        """, reported: true);

    [Fact]
    public Task OwnerInAPatternVariableThatIsOnlyRead_Diagnostic() => VerifyAsync("""
        if (credentials is IDisposable disposable)
                {
                    Console.WriteLine(disposable.GetHashCode());
                }

                return new ApiClient(new List<IDisposable>());
        """, reported: true);
}
