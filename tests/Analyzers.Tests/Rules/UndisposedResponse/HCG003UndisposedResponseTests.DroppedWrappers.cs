using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A response handed to a method of the compilation that returns it inside a result object (<c>QuickResponse.FromMessage</c>),
/// whose result this member only reads and drops (its other members read, methods called on it that never name its response
/// member and return neither it nor a response): nobody gets the response out again, so it is still this member's to dispose
/// (FluentEmail's Mailgun helpers). Returned, passed on, fluent, disposable, or read for its response, the wrapper hands it on.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string QuickResponse = """
        class ApiResponse
        {
            public IList<string> Errors { get; set; }
            public HttpResponseMessage Raw { get; set; }
        }

        class QuickResponse
        {
            public HttpResponseMessage Message { get; set; }
            public string ResponseBody { get; set; }
            public IList<string> Errors { get; set; } = new List<string>();

            public ApiResponse ToApiResponse() { return new ApiResponse { Errors = Errors }; }
            public ApiResponse ToRawResponse() { return new ApiResponse { Errors = Errors, Raw = Message }; }
            public QuickResponse WithError(string error) { Errors.Add(error); return this; }

            public static async Task<QuickResponse> FromMessage(HttpResponseMessage message)
            {
                var response = new QuickResponse();
                response.Message = message;
                response.ResponseBody = await message.Content.ReadAsStringAsync();
                return response;
            }
        }

        class DisposableQuickResponse : IDisposable
        {
            public HttpResponseMessage Message { get; set; }
            public IList<string> Errors { get; set; } = new List<string>();
            public ApiResponse ToApiResponse() { return new ApiResponse { Errors = Errors }; }
            public void Dispose() { Message.Dispose(); }

            public static DisposableQuickResponse FromMessage(HttpResponseMessage message)
            {
                var response = new DisposableQuickResponse();
                response.Message = message;
                return response;
            }
        }

        """;

    [Fact]
    public Task WrapperReadAndDropped_Diagnostic() => VerifyAsync(QuickResponse + """
        static class HttpClientExtensions
        {
            public static async Task<ApiResponse> Get(this HttpClient client, string url)
            {
                var response = {|HCG003:await client.GetAsync(url)|};
                var qr = await QuickResponse.FromMessage(response);
                return qr.ToApiResponse();
            }

            public static async Task<int> Delete(this HttpClient client, string url)
            {
                var response = {|HCG003:await client.DeleteAsync(url)|};
                var qr = await QuickResponse.FromMessage(response);
                return qr.Errors.Count + qr.ResponseBody.Length;
            }
        }
        """);

    [Fact]
    public Task WrapperHandsTheResponseOn_NoDiagnostic() => VerifyAsync(QuickResponse + """
        static class HttpClientExtensions
        {
            public static async Task<QuickResponse> Returned(this HttpClient client, string url)
            {
                var response = await client.GetAsync(url);
                var qr = await QuickResponse.FromMessage(response);
                return qr;
            }

            public static async Task<ApiResponse> ReadsItsResponse(this HttpClient client, string url)
            {
                var response = await client.GetAsync(url);
                var qr = await QuickResponse.FromMessage(response);
                return qr.ToRawResponse();
            }

            public static async Task<QuickResponse> Fluent(this HttpClient client, string url)
            {
                var response = await client.GetAsync(url);
                var qr = await QuickResponse.FromMessage(response);
                return qr.WithError("none");
            }

            public static async Task<HttpResponseMessage> MessageReadOut(this HttpClient client, string url)
            {
                var response = await client.GetAsync(url);
                var qr = await QuickResponse.FromMessage(response);
                return qr.Message;
            }

            public static async Task<ApiResponse> Disposable(this HttpClient client, string url)
            {
                var response = await client.GetAsync(url);
                using (var qr = DisposableQuickResponse.FromMessage(response))
                {
                    return qr.ToApiResponse();
                }
            }

            public static async Task<ApiResponse> PassedOn(this HttpClient client, string url)
            {
                var response = await client.GetAsync(url);
                var qr = await QuickResponse.FromMessage(response);
                return Convert(qr);
            }

            private static ApiResponse Convert(QuickResponse qr) => new ApiResponse { Raw = qr.Message };
        }
        """);

    private const string SmallWrapper = """
        class Quick
        {
            public HttpResponseMessage Message { get; set; }
            public int Status { get; set; }
            public static Quick From(HttpResponseMessage message) { return new Quick { Message = message, Status = (int)message.StatusCode }; }
        }

        """;

    [Fact]
    public Task WrapperReadAndDropped_AddsUsing() => VerifyFixAsync(SmallWrapper + """
        class C
        {
            async Task<int> M(HttpClient client)
            {
                var response = {|HCG003:await client.GetAsync("http://x")|};
                var quick = Quick.From(response);
                return quick.Status;
            }
        }
        """,
        SmallWrapper + """
        class C
        {
            async Task<int> M(HttpClient client)
            {
                using (var response = await client.GetAsync("http://x"))
                {
                    var quick = Quick.From(response);
                    return quick.Status;
                }
            }
        }
        """,
        SmallWrapper + """
        class C
        {
            async Task<int> M(HttpClient client)
            {
                using var response = await client.GetAsync("http://x");
                var quick = Quick.From(response);
                return quick.Status;
            }
        }
        """);
}
