using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// Code behind a <c>bool</c> flag that the same block sets once it is done (<c>if (!s_rulesInitialized) { InitRules();
/// s_rulesInitialized = true; }</c>, or <c>if (s_loaded) return; ... s_loaded = true;</c>) runs once per holder of the flag:
/// a static flag, once per process. A call under such a guard runs once, and so does a private method every call of
/// which is guarded that way. A guard whose flag is never set, is set to <c>false</c>, or is not the flag the block sets,
/// keeps the code per call. Each quiet case has its firing twin beside it.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001InitializationFlagTests
{
    private static Task VerifyAsync(string source, TestOptions? options = null) =>
        Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source, options);

    // {0}: the flag the guards test; {1}: what the guarded blocks store; {2}, {3}: the markup around the client.
    private const string Translations = """
        using System.Collections.Generic;
        using System.Net.Http;

        public static class ChatParser
        {
            private static bool s_rulesInitialized;
            private static bool s_other;
            private static Dictionary<string, string> s_rules = new Dictionary<string, string>();

            public static void InitTranslations()
            {
                if (!{0})
                {
                    InitRules();
                    {1}
                }
            }

            public static string Translate(string rule)
            {
                if (!{0})
                {
                    InitRules();
                    {1}
                }

                return s_rules.TryGetValue(rule, out var text) ? text : rule;
            }

            private static void InitRules()
            {
                var client = {2}new HttpClient(){3};
                s_rules["version"] = client.GetStringAsync("http://localhost/lang/index.json").Result;
            }
        }
        """;

    private static string Guarded(string flag, string store, bool reported) => Translations
        .Replace("{0}", flag).Replace("{1}", store)
        .Replace("{2}", reported ? "{|HCG001:" : "").Replace("{3}", reported ? "|}" : "");

    [Fact]
    public Task PrivateMethodCalledOnlyUnderAStaticFlagItsBlockSets_NoDiagnostic() =>
        VerifyAsync(Guarded("s_rulesInitialized", "s_rulesInitialized = true;", reported: false));

    [Fact]
    public Task FlagNeverSet_Diagnostic() =>
        VerifyAsync(Guarded("s_rulesInitialized", "System.Console.WriteLine(\"loaded\");", reported: true));

    [Fact]
    public Task FlagSetToFalse_Diagnostic() =>
        VerifyAsync(Guarded("s_rulesInitialized", "s_rulesInitialized = false;", reported: true));

    [Fact]
    public Task BlockSetsAnotherFlag_Diagnostic() =>
        VerifyAsync(Guarded("s_rulesInitialized", "s_other = true;", reported: true));

    // {0}: the early return's condition; {1}: what the method stores after the download; {2}, {3}: the markup around the client.
    private const string EarlyReturn = """
        using System.Net.Http;

        public static class Catalog
        {
            private static bool s_loaded;
            private static string s_index;

            public static void EnsureLoaded()
            {
                if ({0})
                {
                    return;
                }

                using (var client = {2}new HttpClient(){3})
                {
                    s_index = client.GetStringAsync("http://localhost/index.json").Result;
                }

                {1}
            }
        }
        """;

    private static string Early(string condition, string store, bool reported) => EarlyReturn
        .Replace("{0}", condition).Replace("{1}", store)
        .Replace("{2}", reported ? "{|HCG001:" : "").Replace("{3}", reported ? "|}" : "");

    [Fact]
    public Task ReturnsWhenTheFlagIsSetAndSetsItAfter_NoDiagnostic() =>
        VerifyAsync(Early("s_loaded", "s_loaded = true;", reported: false));

    [Fact]
    public Task StaticPropertyFlagTheMethodSetsAfter_NoDiagnostic() =>
        VerifyAsync(Early("Loaded", "Loaded = true;", reported: false).Replace("private static bool s_loaded;", "private static bool Loaded { get; set; }"));

    [Fact]
    public Task ClientInsideTheGuardOfAFlagItsBlockSets_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public static class Catalog
        {
            private static bool s_loaded;
            private static string s_index;

            public static string Index()
            {
                if (!s_loaded)
                {
                    using (var client = new HttpClient())
                    {
                        s_index = client.GetStringAsync("http://localhost/index.json").Result;
                    }

                    s_loaded = true;
                }

                return s_index;
            }
        }
        """);

    // {0}: the early return's condition; {1}: what the method does right after it, before the work; {2}, {3}: the markup.
    private const string RaisedFirst = """
        using System.Net.Http;

        public class ApiService
        {
            private readonly HttpClient _http = {2}new HttpClient(){3};
        }

        public static class ServiceContainer
        {
            public static bool Inited { get; set; }
            private static bool s_other;

            public static void Init()
            {
                if ({0})
                {
                    return;
                }
                {1}

                var api = new ApiService();
                Register(api);
            }

            private static void Register(ApiService api) => System.Console.WriteLine(api);

            public static void Reset() => Inited = false;
        }
        """;

    private static string First(string condition, string raise, bool reported) => RaisedFirst
        .Replace("{0}", condition).Replace("{1}", raise)
        .Replace("{2}", reported ? "{|HCG001:" : "").Replace("{3}", reported ? "|}" : "");

    [Fact]
    public Task FlagRaisedRightAfterItsGuardBeforeTheWork_NoDiagnostic() =>
        VerifyAsync(First("Inited", "Inited = true;", reported: false));

    [Fact]
    public Task FlagRaisedBeforeTheWorkInsideTheGuardThatTestsIt_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;

        public static class Catalog
        {
            private static bool s_loaded;
            private static string s_index;

            public static string Index()
            {
                if (!s_loaded)
                {
                    s_loaded = true;
                    using (var client = new HttpClient())
                    {
                        s_index = client.GetStringAsync("http://localhost/index.json").Result;
                    }
                }

                return s_index;
            }
        }
        """);

    [Fact]
    public Task FlagRaisedBeforeTheWorkUnderAnotherFlagsGuard_Diagnostic() =>
        VerifyAsync(First("s_other", "Inited = true;", reported: true));

    [Fact]
    public Task FlagRaisedBeforeTheWorkWithoutAGuard_Diagnostic() =>
        VerifyAsync(First("false", "Inited = true;", reported: true));

    [Fact]
    public Task FlagLoweredBeforeTheWork_Diagnostic() =>
        VerifyAsync(First("Inited", "Inited = false;", reported: true));

    // {0}: what the update check does when it is done; {1}, {2}: the markup around the client of its private factory.
    private const string UpdateCheck = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;

        public static class Updater
        {
            private static bool _running;

            public static async Task BeginParse(Action<string> show)
            {
                if (_running)
                {
                    return;
                }

                _running = true;
                string latest;
                using (var client = ConstructHttpClient())
                {
                    latest = await client.GetStringAsync("https://api.example.com/releases/latest");
                }

                await Task.Run(() =>
                {
                    show(latest);
                    {0}
                });
            }

            public static void Reset() => _running = false;

            private static HttpClient ConstructHttpClient()
            {
                var result = {1}new HttpClient(){2};
                result.DefaultRequestHeaders.Add("User-Agent", "Updater/1.0");
                return result;
            }
        }
        """;

    private static string Update(string done, bool reported) => UpdateCheck
        .Replace("{0}", done).Replace("{1}", reported ? "{|HCG001:" : "").Replace("{2}", reported ? "|}" : "");

    [Fact]
    public Task BusyFlagTheCheckLowersWhenDone_Diagnostic() =>
        // A guard against two checks at once: the next menu click checks again.
        VerifyAsync(Update("_running = false;", reported: true));

    [Fact]
    public Task FlagLoweredOnlyByAnotherMethod_NoDiagnostic() =>
        VerifyAsync(Update("Console.WriteLine(latest);", reported: false));

    // The work lowers the flag through the methods it calls (a verify button whose check ends by lowering its busy flag).
    [Fact]
    public Task BusyFlagLoweredByAMethodTheWorkCalls_Diagnostic() =>
        VerifyAsync(Update("Finish(latest);", reported: true).Replace(
            "public static void Reset() => _running = false;",
            "private static void Finish(string latest) { Console.WriteLine(latest); Complete(); } private static void Complete() { _running = false; }"));

    [Fact]
    public Task FlagLoweredOnlyByAMethodTheWorkDoesNotCall_NoDiagnostic() =>
        VerifyAsync(Update("Finish(latest);", reported: false).Replace(
            "public static void Reset() => _running = false;",
            "private static void Finish(string latest) { Console.WriteLine(latest); } public static void Reset() { _running = false; }"));

    // Another object's flag lowered by the work (a linked session reset) leaves this one's raised: checked once.
    [Fact]
    public Task InstanceFlagLoweredOnlyOnAnotherObject_NoDiagnostic() => VerifyAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class Session
        {
            private readonly Session _peer = new Session(null);
            private bool _verified;

            public Session(Session peer) { }

            public async Task Verify(string url)
            {
                if (!_verified)
                {
                    _verified = true;
                    using (var client = new HttpClient())
                    {
                        await client.GetStringAsync(url);
                    }

                    _peer.Reset();
                }
            }

            public void Reset() { _verified = false; }
        }
        """);

    // A sibling that guards itself with the same flag and lowers it when done: the flag is a busy guard both share.
    [Fact]
    public Task FlagRaisedAndLoweredByASiblingGuard_Diagnostic() =>
        VerifyAsync(Update("Console.WriteLine(latest);", reported: true).Replace(
            "public static void Reset() => _running = false;",
            "public static void InstallNow() { if (_running) { return; } _running = true; Console.WriteLine(\"installing\"); _running = false; }"));

    [Fact]
    public Task FlagRaisedByASiblingThatNeverLowersIt_NoDiagnostic() =>
        VerifyAsync(Update("Console.WriteLine(latest);", reported: false).Replace(
            "public static void Reset() => _running = false;",
            "public static void InstallNow() { if (_running) { return; } _running = true; Console.WriteLine(\"installing\"); }"));

    [Fact]
    public Task ReturnsWhenTheFlagIsNotSet_Diagnostic() =>
        // The opposite test: the download runs every time the flag is already set.
        VerifyAsync(Early("!s_loaded", "s_loaded = true;", reported: true));

    [Fact]
    public Task ReturnsWhenTheFlagIsSetButNeverSetsIt_Diagnostic() =>
        VerifyAsync(Early("s_loaded", "System.Console.WriteLine(s_index);", reported: true));

    // ---------------------------------------------------------------- the method raises the flag its callers test

    // {0}: the browser tab handler's call; {1}: the refresh button's; {2}: what the method does with the flag at its end;
    // {3}: the method's accessibility; {4}, {5}: the markup around the client.
    private const string Browser = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class MainWindow
        {
            private static bool selected;
            private static bool other;
            private readonly List<string> _categories = new List<string>();

            {3} async void InitializeBrowser()
            {
                using (var httpClient = {4}new HttpClient(){5})
                {
                    string text;
                    try
                    {
                        text = await httpClient.GetStringAsync("http://localhost/categories");
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }

                    _categories.Add(text);
                }

                {2}
            }

            public void OnBrowserTabSelected()
            {
                {0}
            }

            public void OnRefresh()
            {
                {1}
            }

            private void RefreshFilter()
            {
            }
        }
        """;

    private static string CallersTest(string tabCall, string refreshCall, string store = "selected = true;", string accessibility = "private", bool reported = false) => Browser
        .Replace("{0}", tabCall).Replace("{1}", refreshCall).Replace("{2}", store).Replace("{3}", accessibility)
        .Replace("{4}", reported ? "{|HCG001:" : "").Replace("{5}", reported ? "|}" : "");

    [Fact]
    public Task PrivateMethodRaisingTheFlagEveryCallerTests_NoDiagnostic() =>
        VerifyAsync(CallersTest("if (!selected) InitializeBrowser();", "if (!selected) InitializeBrowser(); else RefreshFilter();"));

    [Fact]
    public Task PrivateMethodRaisingTheFlagACallerReturnsOn_NoDiagnostic() =>
        VerifyAsync(CallersTest("if (!selected) { this.InitializeBrowser(); }", "if (selected) { return; } InitializeBrowser();"));

    [Fact]
    public Task PrivateMethodRaisingTheFlagOneCallerDoesNotTest_Diagnostic() =>
        VerifyAsync(CallersTest("if (!selected) InitializeBrowser();", "InitializeBrowser();", reported: true));

    [Fact]
    public Task PrivateMethodRaisingTheFlagACallerTestsAnotherFlag_Diagnostic() =>
        VerifyAsync(CallersTest("if (!selected) InitializeBrowser();", "if (!other) InitializeBrowser();", reported: true));

    [Fact]
    public Task PrivateMethodRaisingTheFlagCalledFromALambda_Diagnostic() =>
        VerifyAsync(CallersTest("if (!selected) InitializeBrowser();", "if (!selected) Task.Run(() => InitializeBrowser());", reported: true));

    [Fact]
    public Task PrivateMethodRaisingTheFlagCalledUnderItsGuardInsideALambda_NoDiagnostic() =>
        VerifyAsync(CallersTest("if (!selected) InitializeBrowser();", "Task.Run(() => { if (!selected) { InitializeBrowser(); } RefreshFilter(); });"));

    [Fact]
    public Task PrivateMethodRaisingTheFlagCalledInsideALambdaUnderAGuardOfAnotherFlag_Diagnostic() =>
        VerifyAsync(CallersTest("if (!selected) InitializeBrowser();", "Task.Run(() => { if (!other) { InitializeBrowser(); } });", reported: true));

    [Fact]
    public Task PrivateMethodRaisingTheFlagCalledInANestedLambdaUnderTheOuterLambdasGuard_Diagnostic() =>
        VerifyAsync(CallersTest("if (!selected) InitializeBrowser();", "Task.Run(() => { if (!selected) { Task.Run(() => { InitializeBrowser(); }); } });", reported: true));

    [Fact]
    public Task PrivateMethodRaisingTheFlagUsedAsAMethodGroup_Diagnostic() =>
        VerifyAsync(CallersTest("if (!selected) InitializeBrowser();", "if (!selected) { System.Action init = InitializeBrowser; init(); }", reported: true));

    [Fact]
    public Task PublicMethodRaisingTheFlagEveryCallerTests_Diagnostic() =>
        VerifyAsync(CallersTest("if (!selected) InitializeBrowser();", "if (!selected) InitializeBrowser();", accessibility: "public", reported: true));

    [Fact]
    public Task PrivateMethodNeverRaisingTheFlagItsCallersTest_Diagnostic() =>
        VerifyAsync(CallersTest("if (!selected) InitializeBrowser();", "if (!selected) InitializeBrowser();", store: "other = true;", reported: true));

    [Fact]
    public Task PrivateMethodLoweringTheFlagItsCallersTest_Diagnostic() =>
        VerifyAsync(CallersTest("if (!selected) InitializeBrowser();", "if (!selected) InitializeBrowser();", store: "selected = true; RefreshFilter(); selected = false;", reported: true));

    [Fact]
    public Task PrivateEventHandlerRaisingTheFlagItsCallersTest_Diagnostic() => VerifyAsync("""
        using System;
        using System.Net.Http;

        public class MainWindow
        {
            private static bool selected;

            // Markup may wire a handler where no call is seen: the guarded calls are not all of its runs.
            private void LoadCategories(object sender, EventArgs e)
            {
                using (var httpClient = {|HCG001:new HttpClient()|})
                {
                    httpClient.GetStringAsync("http://localhost/categories").Wait();
                }

                selected = true;
            }

            public void OnShown()
            {
                if (!selected) LoadCategories(this, EventArgs.Empty);
            }
        }
        """);
    // {0}: the guard's exit; {1}: the flag's store; {2}, {5}: how the work is started and its call closed; {3}, {4}: the markup
    // around the client.
    private const string StartedOnce = """
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        public static class PluginLoader
        {
            internal static bool IsUsed;
            private static bool s_verdict;

            public static void Init(string blacklistUrl)
            {
                if (IsUsed)
                {
                    {0}
                }

                {1}
                {2}
                {
                    var client = {3}new HttpClient(){4};
                    client.Timeout = TimeSpan.FromSeconds(5);
                    s_verdict = client.GetStringAsync(blacklistUrl).Result.Length == 0;
                }{5};
            }
        }
        """;

    private static string Started(string exit, string store, string start, bool reported, string close = ")") => StartedOnce
        .Replace("{0}", exit).Replace("{1}", store).Replace("{2}", start).Replace("{5}", close)
        .Replace("{3}", reported ? "{|HCG001:" : "").Replace("{4}", reported ? "|}" : "");

    [Fact]
    public Task ClientInATaskRunLambdaOfAMethodThatThrowsWhenItsFlagIsSet_NoDiagnostic() =>
        VerifyAsync(Started("throw new InvalidOperationException(\"Loader has been already called before\");", "IsUsed = true;", "Task.Run(delegate", reported: false));

    [Fact]
    public Task ClientInAThreadPoolLambdaOfAMethodThatReturnsWhenItsFlagIsSet_NoDiagnostic() =>
        VerifyAsync(Started("return;", "IsUsed = true;", "ThreadPool.QueueUserWorkItem(_ =>", reported: false));

    [Fact]
    public Task ClientInATaskFactoryLambdaOfAFlagGuardedMethod_NoDiagnostic() =>
        VerifyAsync(Started("return;", "IsUsed = true;", "Task.Factory.StartNew(() =>", reported: false));

    [Fact]
    public Task ClientInATaskRunLambdaWhoseMethodNeverRaisesTheFlag_Diagnostic() =>
        VerifyAsync(Started("throw new InvalidOperationException(\"again\");", "Console.WriteLine(IsUsed);", "Task.Run(delegate", reported: true));

    [Fact]
    public Task ClientInALambdaStoredForLaterByAFlagGuardedMethod_Diagnostic() =>
        VerifyAsync(Started("return;", "IsUsed = true;", "AppDomain.CurrentDomain.ProcessExit += (sender, e) =>", reported: true, close: ""));

    [Fact]
    public Task ClientInATaskRunLambdaStartedInALoopOfAFlagGuardedMethod_Diagnostic() =>
        VerifyAsync(Started("return;", "IsUsed = true;", "for (var i = 0; i < 3; i++) Task.Run(delegate", reported: true));

    [Fact]
    public Task ClientInATaskRunLambdaAfterAGuardThatOnlyLogs_Diagnostic() =>
        VerifyAsync(Started("Console.WriteLine(\"again\");", "IsUsed = true;", "Task.Run(delegate", reported: true));
}
