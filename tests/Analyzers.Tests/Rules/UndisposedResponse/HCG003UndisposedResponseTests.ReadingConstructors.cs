using System.Threading.Tasks;

namespace HttpClientGuard.Analyzers.Tests.Rules.UndisposedResponse;

/// <summary>
/// A response handed to a constructor of this compilation that only reads it (status, headers, the body as text) and keeps
/// nothing (<c>return new Response&lt;T&gt;(response).Result;</c>, Cin7's wrapper): the object built holds no response, so
/// nobody disposes it. A constructor that stores it (also through its base constructor), or one whose source is not here,
/// still takes it over.
/// </summary>
public sealed partial class HCG003UndisposedResponseTests
{
    private const string ReadingResult = """
        class Response<T>
        {
            internal Response(HttpResponseMessage message)
            {
                var text = message.Content.ReadAsStringAsync().Result;
                StatusCode = message.StatusCode;
                Text = text;
            }

            public System.Net.HttpStatusCode StatusCode { get; }
            public string Text { get; }
            public T Result { get; set; }
        }

        class ReadingSubResult : Response<string>
        {
            internal ReadingSubResult(HttpResponseMessage message, bool log) : base(message) { }
        }

        class KeepingResult
        {
            internal KeepingResult(HttpResponseMessage message) { Message = message; }

            public HttpResponseMessage Message { get; }
        }

        class HelperKeepingResult
        {
            internal HelperKeepingResult(HttpResponseMessage message) { Keep(message); }

            public HttpResponseMessage Message { get; private set; }

            private void Keep(HttpResponseMessage message) { Message = message; }
        }

        class DerivedKeepingResult : KeepingResult
        {
            internal DerivedKeepingResult(HttpResponseMessage message) : base(message) { }
        }

        """;

    [Fact]
    public Task ResponseHandedToAConstructorThatOnlyReadsIt_Diagnostic() => VerifyAsync(ReadingResult + """
        class Api
        {
            private readonly HttpClient _client = new HttpClient();

            public string Get(string url)
            {
                var response = {|HCG003:_client.GetAsync(url).Result|};
                return new Response<string>(response).Text;
            }

            public async Task<System.Net.HttpStatusCode> Post(string url)
            {
                return new Response<object>({|HCG003:await _client.PostAsync(url, new StringContent(""))|}).StatusCode;
            }

            public string Put(string url) => new ReadingSubResult({|HCG003:_client.PutAsync(url, new StringContent("")).Result|}, true).Text;
        }
        """);

    [Fact]
    public Task ResponseHandedToAConstructorThatKeepsIt_NoDiagnostic() => VerifyAsync(ReadingResult + """
        class Api
        {
            private readonly HttpClient _client = new HttpClient();

            public KeepingResult Get(string url)
            {
                var response = _client.GetAsync(url).Result;
                return new KeepingResult(response);
            }

            public KeepingResult GetDerived(string url) => new DerivedKeepingResult(_client.GetAsync(url).Result);

            public HelperKeepingResult GetThroughHelper(string url) => new HelperKeepingResult(_client.GetAsync(url).Result);
        }
        """);

    [Fact]
    public Task ResponseHandedToAHelperThatReturnsAnObjectWhoseConstructorOnlyReadsIt_Diagnostic() => VerifyAsync(ReadingResult + """
        class Api
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<Response<T>> Get<T>(string url)
            {
                var response = {|HCG003:await _client.GetAsync(url)|};
                var result = Generate<T>(response);
                return result;
            }

            public Response<string> Put(string url) => Sub({|HCG003:_client.PutAsync(url, new StringContent("")).Result|});

            private Response<T> Generate<T>(HttpResponseMessage response)
            {
                var result = new Response<T>(response);
                return result;
            }

            private static Response<string> Sub(HttpResponseMessage response) => new ReadingSubResult(response, true);

            public Response<int> Delete(string url) => Copied({|HCG003:_client.DeleteAsync(url).Result|});

            private static Response<int> Copied(HttpResponseMessage response)
            {
                var message = response;
                return new Response<int>(message);
            }
        }
        """);

    [Fact]
    public Task ResponseHandedToAHelperThatReturnsAnObjectWhoseConstructorKeepsIt_NoDiagnostic() => VerifyAsync(ReadingResult + """
        class Api
        {
            private readonly HttpClient _client = new HttpClient();

            public async Task<KeepingResult> Get(string url)
            {
                var response = await _client.GetAsync(url);
                var result = Generate(response);
                return result;
            }

            public KeepingResult Put(string url) => Derived(_client.PutAsync(url, new StringContent("")).Result);

            private KeepingResult Generate(HttpResponseMessage response)
            {
                var result = new KeepingResult(response);
                return result;
            }

            private static KeepingResult Derived(HttpResponseMessage response) => new DerivedKeepingResult(response);
        }
        """);
}
