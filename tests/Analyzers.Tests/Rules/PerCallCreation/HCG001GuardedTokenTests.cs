using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A private sign-in or token refresh that makes its own client and stores what it gets (the token, its expiry), called
/// only while that field is unset (<c>_token.Length == 0</c>, <c>string.IsNullOrEmpty(_token)</c>) or past
/// (<c>DateTime.Now &gt; _expireAt</c>, <c>DateTime.Now.CompareTo(_expireAt) &gt; 0</c>), runs once per holder of the
/// field, or once per expiry: not per call. The store may sit in the block the client's own <c>using</c> runs. A call
/// without the guard, a guard on another field, or a method that does not store the tested field keeps it per call.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001GuardedTokenTests
{
    private static Task VerifyAsync(string source) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source);

    // {0}: the sign-in guard; {1}: the refresh guard; {2}: what the refresh stores last; {3}: more members;
    // {4}, {5}: the markup around the sign-in client; {6}, {7}: around the refresh client.
    private const string Source = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class WeatherStationClient
        {
            private string _accessToken = "";
            private string _refreshToken = "";
            private DateTime _expireAt = DateTime.Now;

            private async Task<bool> Authenticate()
            {
                using (HttpClient client = {4}new HttpClient(){5})
                using (HttpRequestMessage request = new HttpRequestMessage(HttpMethod.Post, "http://x/oauth2/token"))
                {
                    HttpResponseMessage response = await client.SendAsync(request).ConfigureAwait(false);
                    string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    _accessToken = body;
                    _expireAt = DateTime.Now.AddSeconds(10800);
                    return true;
                }
            }

            private async Task<bool> Refresh()
            {
                using (var client = {6}new HttpClient(){7})
                {
                    string body = await client.GetStringAsync("http://x/oauth2/refresh?token=" + _refreshToken).ConfigureAwait(false);
                    _accessToken = body;
                    {2}
                    return true;
                }
            }

            private async Task<bool> CheckConnection()
            {
                if ({0})
                    return await Authenticate().ConfigureAwait(false);
                else
                {
                    if ({1})
                        return await Refresh().ConfigureAwait(false);
                    else
                        return true;
                }
            }

            public async Task<string> GetStations()
            {
                if (!await CheckConnection().ConfigureAwait(false))
                    return null;
                return _accessToken;
            }
        {3}
        }
        """;

    private static string Client(string signInGuard, string refreshGuard, string refreshStores, string more, bool signInReported, bool refreshReported) => Source
        .Replace("{0}", signInGuard).Replace("{1}", refreshGuard).Replace("{2}", refreshStores).Replace("{3}", more)
        .Replace("{4}", signInReported ? "{|HCG001:" : "").Replace("{5}", signInReported ? "|}" : "")
        .Replace("{6}", refreshReported ? "{|HCG001:" : "").Replace("{7}", refreshReported ? "|}" : "");

    [Fact]
    public Task SignInWhileTheTokenIsEmpty_RefreshWhenItHasExpired_NoDiagnostic() => Task.WhenAll(
        VerifyAsync(Client("_accessToken.Length == 0", "DateTime.Now.CompareTo(_expireAt) > 0", "_expireAt = DateTime.Now.AddSeconds(10800);", "", false, false)),
        VerifyAsync(Client("string.IsNullOrEmpty(_accessToken)", "DateTime.UtcNow > _expireAt", "_expireAt = DateTime.Now.AddSeconds(10800);", "", false, false)),
        VerifyAsync(Client("string.IsNullOrEmpty(_accessToken)", "_expireAt <= DateTime.UtcNow", "_expireAt = DateTime.Now.AddSeconds(10800);", "", false, false)));

    // TheOtherRoles' README page: a string field set to "" until the guarded download fills it.
    [Fact]
    public Task SignInWhileTheTokenEqualsTheEmptyString_NoDiagnostic() => Task.WhenAll(
        VerifyAsync(Client("_accessToken == \"\"", "DateTime.Now.CompareTo(_expireAt) > 0", "_expireAt = DateTime.Now.AddSeconds(10800);", "", false, false)),
        VerifyAsync(Client("_accessToken == string.Empty", "DateTime.UtcNow > _expireAt", "_expireAt = DateTime.Now.AddSeconds(10800);", "", false, false)));

    [Fact]
    public Task GuardOnTheEmptyStringTheWrongWayOrOnAnotherField_Diagnostic() => Task.WhenAll(
        VerifyAsync(Client("_accessToken != \"\"", "DateTime.Now.CompareTo(_expireAt) > 0", "_expireAt = DateTime.Now.AddSeconds(10800);", "", true, false)),
        VerifyAsync(Client("_refreshToken == \"\"", "DateTime.Now.CompareTo(_expireAt) > 0", "_expireAt = DateTime.Now.AddSeconds(10800);", "", true, false)));

    [Fact]
    public Task SignInAlsoCalledWithoutTheGuard_Diagnostic() => VerifyAsync(Client(
        "_accessToken.Length == 0", "DateTime.Now.CompareTo(_expireAt) > 0", "_expireAt = DateTime.Now.AddSeconds(10800);", """

            public Task<bool> SignInAgain() => Authenticate();
        """, signInReported: true, refreshReported: false));

    [Fact]
    public Task GuardOnAFieldTheMethodDoesNotStore_Diagnostic() => Task.WhenAll(
        VerifyAsync(Client("_refreshToken.Length == 0", "DateTime.Now.CompareTo(_expireAt) > 0", "_expireAt = DateTime.Now.AddSeconds(10800);", "", true, false)),
        VerifyAsync(Client("_accessToken.Length == 0", "DateTime.Now.CompareTo(_expireAt) > 0", "", "", false, true)),
        VerifyAsync(Client("_accessToken.Length == 0", "DateTime.Now.CompareTo(_expireAt) < 0", "_expireAt = DateTime.Now.AddSeconds(10800);", "", false, true)));

    // A game-server plugin's member counts, fetched again only once the last fetch is older than the cache period; the
    // guarded block stores the moment of the fetch. {0}: the staleness test; {1}, {2}: the markup around the client.
    private const string ThrottledFetch = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class DiscordPlugin
        {
            private DateTime _lastCacheUpdate = DateTime.MinValue;
            private DateTime _started = DateTime.Now;
            private string _cached = "";

            public int CacheDurationSeconds { get; set; } = 60;

            private async Task<string> GetMemberCountsAsync()
            {
                using (var client = {1}new HttpClient(){2})
                {
                    return await client.GetStringAsync("https://discord.com/api/v10/guilds/1?with_counts=true");
                }
            }

            private async Task<string> GetCachedMemberCountsAsync()
            {
                if ({0})
                {
                    var counts = await GetMemberCountsAsync();
                    _cached = counts;
                    _lastCacheUpdate = DateTime.Now;
                }

                return _cached;
            }

            public string OnDiscordCommand() => GetCachedMemberCountsAsync().Result;
        }
        """;

    private static string Throttled(string test, bool reported) => ThrottledFetch.Replace("{0}", test)
        .Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task FetchedAgainOnlyOnceTheLastFetchIsOlderThanThePeriod_NoDiagnostic() => Task.WhenAll(
        VerifyAsync(Throttled("(DateTime.Now - _lastCacheUpdate).TotalSeconds > CacheDurationSeconds", reported: false)),
        VerifyAsync(Throttled("CacheDurationSeconds <= DateTime.UtcNow.Subtract(_lastCacheUpdate).TotalSeconds", reported: false)),
        VerifyAsync(Throttled("!(DateTime.Now - _lastCacheUpdate < TimeSpan.FromSeconds(CacheDurationSeconds))", reported: false)));

    [Fact]
    public Task FetchedWhileFreshOrByTheAgeOfAnotherMoment_Diagnostic() => Task.WhenAll(
        VerifyAsync(Throttled("(DateTime.Now - _lastCacheUpdate).TotalSeconds < CacheDurationSeconds", reported: true)),
        VerifyAsync(Throttled("CacheDurationSeconds > (DateTime.Now - _lastCacheUpdate).TotalSeconds", reported: true)),
        VerifyAsync(Throttled("(DateTime.Now - _started).TotalSeconds > CacheDurationSeconds", reported: true)),
        VerifyAsync(Throttled("(_started - _lastCacheUpdate).TotalSeconds > CacheDurationSeconds", reported: true)));
}
