using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace MultiTargetLibrary
{
    public sealed class Gateway
    {
        private readonly HttpClient _client;

        public Gateway(HttpClient client)
        {
            _client = client;
        }

        public async Task<string> FetchAsync(Uri uri)
        {
            var client = new HttpClient(); // expect: HCG001
            return await client.GetStringAsync(uri);
        }

#if NET_CORE_HTTP
        public async Task<int> StatusAsync(Uri uri)
        {
            var response = await _client.GetAsync(uri); // expect(netstandard2.0): HCG003
            return (int)response.StatusCode;
        }

        public async Task<int> FirstByteAsync(Uri uri)
        {
            var stream = await _client.GetStreamAsync(uri); // expect(netstandard2.0): HCG004
            return stream.ReadByte();
        }
#endif

#if NETFRAMEWORK
        public HttpMessageHandler CreateHandler()
        {
            return new HttpClientHandler { UseProxy = false }; // expect(net452): HCG002
        }

        public bool Probe()
        {
            using (var handler = CreateHandler())
            {
                return handler != null;
            }
        }
#endif

#if NET8_0_OR_GREATER
        public HttpMessageHandler CreateSocketsHandler()
        {
            return new SocketsHttpHandler { UseProxy = false }; // expect(net10.0): HCG002
        }

        public bool ProbeSockets()
        {
            using (var handler = CreateSocketsHandler())
            {
                return handler != null;
            }
        }
#endif
    }
}
