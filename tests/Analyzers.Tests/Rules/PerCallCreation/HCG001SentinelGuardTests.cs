using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A member memoized on a number or enum field that starts at a sentinel (<c>private int _state = -1;</c>, guarded by
/// <c>if (_state == -1) { ...; _state = ok ? 1 : 0; }</c>) runs its work once per holder, in a method or a property getter,
/// when every store of the field outside its declaration writes a constant other than the sentinel. A store of the sentinel
/// (a reset), of a value not constant, or a test of another value keeps it per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001SentinelGuardTests
{
    // {0}: the guard; {1}: the store after the work; {2}: another member; {3}/{4}: the client's markup.
    private const string Source = """
        using System;
        using System.Net.Http;

        public class ApiKeyCheck
        {
            private int _validState = -1;
            private readonly string _url;

            public ApiKeyCheck(string url)
            {
                _url = url;
            }

            private bool IsValid
            {
                get
                {
                    if ({0})
                    {
                        var content = string.Empty;
                        try
                        {
                            content = {3}new HttpClient(){4}.GetStringAsync(_url).Result;
                        }
                        catch (HttpRequestException)
                        {
                            _validState = 0;
                        }

                        {1}
                    }

                    return _validState == 1;
                }
            }

            public bool Check() => IsValid;

            {2}
        }

        public static class Caller
        {
            public static bool Run(string url) => new ApiKeyCheck(url).Check() && false;
        }
        """;

    private static Task VerifyAsync(string guard, string store, string other, bool reported) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(
        Source.Replace("{0}", guard).Replace("{1}", store).Replace("{2}", other)
            .Replace("{3}", reported ? "{|HCG001:" : string.Empty).Replace("{4}", reported ? "|}" : string.Empty)
            // The holder itself is made once here: the question is only the getter.
            .Replace("public static bool Run(string url) => new ApiKeyCheck(url).Check() && false;", "private static readonly ApiKeyCheck s_check = new ApiKeyCheck(\"https://api.example.com/key\"); public static bool Run() => s_check.Check();"));

    [Theory]
    [InlineData("_validState == -1", "_validState = content.Contains(\"invalid\") ? 0 : 1;", "")]
    [InlineData("-1 == _validState", "_validState = 1;", "public void Forget() { _validState = 2; }")]
    public Task WorkUnderASentinelThatNoStoreRestores_NoDiagnostic(string guard, string store, string other) =>
        VerifyAsync(guard, store, other, reported: false);

    [Theory]
    // Another member resets the sentinel: the next read checks again.
    [InlineData("_validState == -1", "_validState = 1;", "public void Reset() { _validState = -1; }")]
    // So does a reset through another reference to an instance.
    [InlineData("_validState == -1", "_validState = 1;", "public static void Reset(ApiKeyCheck check) { check._validState = -1; }")]
    // A store whose value is not a constant may be the sentinel.
    [InlineData("_validState == -1", "_validState = content.Length - 1;", "")]
    // The guard tests another value than the one the field starts at and is never stored.
    [InlineData("_validState != 1", "_validState = content.Contains(\"invalid\") ? 0 : 1;", "")]
    // The work runs while the field is past its sentinel: every call once it is set.
    [InlineData("_validState != -1", "_validState = 1;", "")]
    public Task WorkUnderAGuardThatMayPassAgain_Diagnostic(string guard, string store, string other) =>
        VerifyAsync(guard, store, other, reported: true);
}
