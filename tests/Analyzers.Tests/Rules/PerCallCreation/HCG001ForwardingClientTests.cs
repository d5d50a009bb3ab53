using System.Threading.Tasks;
using HttpClientGuard.Analyzers.Rules;
using HttpClientGuard.Analyzers.Tests.Infrastructure;

namespace HttpClientGuard.Analyzers.Tests.Rules.PerCallCreation;

/// <summary>
/// A class of the compilation derived from <c>HttpClient</c> that declares its own send methods (<c>new</c> or
/// <c>override</c>) and forwards each request to another client it was given: made per call and sent through only by
/// those methods, its own handler never connects, so it leaves no socket behind. Quiet. A call of an inherited member
/// (<c>GetAsync</c>), or a declared method that reaches the instance's own handler (<c>base.SendAsync</c>, an inherited
/// member through <c>this</c>, <c>this</c> handed on, another own method) sends through it: reported.
/// </summary>
[Trait("Rule", "HCG001")]
public class HCG001ForwardingClientTests
{
    private static Task VerifyAsync(string source) => Verify<PerCallCreationAnalyzer>.DiagnosticsAsync(source);

    // An upload SDK whose protocol object makes a logging client per request; the client forwards to the options' client.
    // {0}: the body of the declared one-argument SendAsync; {1}: what Head does with its request; {2}, {3}: markup around the creation.
    private const string Upload = """
        using System;
        using System.Diagnostics;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class UploadOptions
        {
            public bool LogRequests { get; set; }
            public HttpClient HttpClient { get; set; } = new HttpClient();
        }

        static class Sender
        {
            public static Task<HttpResponseMessage> Send(HttpClient client, HttpRequestMessage request) => client.SendAsync(request, CancellationToken.None);

            public static Task DownloadFileTaskAsync(this HttpClient client, Uri uri, string path) => client.GetByteArrayAsync(uri);
        }

        internal class LoggingClient : HttpClient
        {
            private readonly UploadOptions _options;

            internal LoggingClient(UploadOptions options)
            {
                _options = options;
            }

            public new async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
            {
                {0}
            }

            public override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                _options.HttpClient.SendAsync(request, cancellationToken);

            private Task<HttpResponseMessage> Inner(HttpRequestMessage request) => _options.HttpClient.SendAsync(request, CancellationToken.None);
        }

        public sealed class UploadProtocol
        {
            private readonly UploadOptions _options = new UploadOptions();

            public async Task<HttpResponseMessage> Head(string url)
            {
                var request = new HttpRequestMessage(HttpMethod.Head, url);
                {1}
            }
        }
        """;

    private const string Forwards = """
        if (this._options.LogRequests)
                {
                    Debug.WriteLine(request.ToString());
                }

                return await this._options.HttpClient.SendAsync(request, new CancellationToken());
        """;

    private static Task VerifyUploadAsync(string body, string send, bool reported) => VerifyAsync(
        Upload.Replace("{0}", body).Replace("{1}", "LoggingClient client = {2}new LoggingClient(_options){3}; return await " + send + ";")
            .Replace("{2}", reported ? "{|HCG001:" : "").Replace("{3}", reported ? "|}" : ""));

    [Fact]
    public Task DeclaredNewSendForwardsToTheOptionsClient_NoDiagnostic() =>
        VerifyUploadAsync(Forwards, "client.SendAsync(request)", reported: false);

    [Fact]
    public Task ExpressionBodiedOverrideForwards_NoDiagnostic() =>
        VerifyUploadAsync(Forwards, "client.SendAsync(request, CancellationToken.None)", reported: false);

    [Fact]
    public Task ForwardingClientInAUsingStatement_NoDiagnostic() => VerifyAsync(
        Upload.Replace("{0}", Forwards).Replace("{1}", "using (var client = new LoggingClient(_options)) { return await client.SendAsync(request); }"));

    [Fact]
    public Task DeclaredSendReadsOnlyAnotherObjectsMembers_NoDiagnostic() =>
        VerifyUploadAsync("var shared = _options.HttpClient; shared.Timeout = TimeSpan.FromSeconds(30); return await shared.SendAsync(request);", "client.SendAsync(request)", reported: false);

    [Fact]
    public Task DeclaredSendForwardsThroughAStaticHelper_NoDiagnostic() =>
        VerifyUploadAsync("return await Sender.Send(_options.HttpClient, request);", "client.SendAsync(request)", reported: false);

    [Fact]
    public Task InheritedGetAsyncSendsThroughItsOwnHandler_Diagnostic() =>
        VerifyUploadAsync(Forwards, "client.GetAsync(url)", reported: true);

    [Fact]
    public Task DeclaredSendCallsBase_Diagnostic() =>
        VerifyUploadAsync("return await base.SendAsync(request, CancellationToken.None);", "client.SendAsync(request)", reported: true);

    [Fact]
    public Task DeclaredSendCallsAnInheritedMemberThroughThis_Diagnostic() =>
        VerifyUploadAsync("return await GetAsync(request.RequestUri);", "client.SendAsync(request)", reported: true);

    [Fact]
    public Task DeclaredSendHandsThisOn_Diagnostic() =>
        VerifyUploadAsync("return await Sender.Send(this, request);", "client.SendAsync(request)", reported: true);

    [Fact]
    public Task DeclaredSendCallsAnotherOwnMethod_Diagnostic() =>
        VerifyUploadAsync("return await Inner(request);", "client.SendAsync(request)", reported: true);

    // An extension method of the compilation is not a member the derived client declares: it sends through the client.
    [Fact]
    public Task ExtensionMethodOfTheCompilation_Diagnostic() => VerifyAsync(
        Upload.Replace("{0}", Forwards).Replace("{1}", "var client = {|HCG001:new HttpClient()|}; await client.DownloadFileTaskAsync(request.RequestUri, \"file\"); return null;"));
}
