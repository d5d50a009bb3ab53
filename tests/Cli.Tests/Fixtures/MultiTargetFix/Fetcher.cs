using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace MultiTargetFix
{
    public sealed class Fetcher
    {
        public async Task<string> GetAsync(Uri uri)
        {
            var client = new HttpClient(); // expect: HCG001
            return await client.GetStringAsync(uri);
        }

        public async Task<int> StatusAsync(HttpClient client, Uri uri)
        {
            var response = await client.GetAsync(uri); // expect: HCG003
            return (int)response.StatusCode;
        }
    }
}
