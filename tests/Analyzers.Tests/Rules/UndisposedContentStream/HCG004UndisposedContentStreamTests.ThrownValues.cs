using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedContentStream;

/// <summary>
/// A stream read into the value a <c>throw</c> throws (<c>throw new InvalidTokenException("failed: " + await
/// response.Content.ReadAsStreamAsync())</c>, or a <c>throw</c> expression's operand) lives only on a path that throws, which
/// drops nothing; the same read on a path that goes on is reported.
/// </summary>
public sealed partial class HCG004UndisposedContentStreamTests
{
    private const string TokenCheck = """
        class InvalidTokenException : Exception
        {
            public InvalidTokenException(string message) : base(message) { }
        }

        class Subscriptions
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<bool> Subscribe(string url)
            {
                var response = await _client.PostAsync(url, new StringContent("{}"));
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                {0}
            }

            private static void Log(string message) => Console.WriteLine(message);
        }
        """;

    [Fact]
    public Task StreamReadIntoAThrownException_NoDiagnostic() => VerifyAsync(TokenCheck.Replace("{0}", """
                if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
                {
                    throw new InvalidTokenException("failed: " + await response.Content.ReadAsStreamAsync());
                }

                return response.StatusCode == System.Net.HttpStatusCode.Accepted
                    ? true
                    : throw new InvalidTokenException(response.ReasonPhrase + await response.Content.ReadAsStreamAsync());
        """));

    [Fact]
    public Task StreamReadOnAPathThatGoesOn_Diagnostic() => VerifyAsync(TokenCheck.Replace("{0}", """
                Log("failed: " + {|HCG004:await response.Content.ReadAsStreamAsync()|});
                return false;
        """));
}
