namespace LeakyProject;

public sealed class PriceFeed
{
    public async Task<string> LatestAsync(Uri source)
    {
        var client = new HttpClient(); // expect: HCG001
        return await client.GetStringAsync(source);
    }

#if LEGACY_TRANSPORT
    public async Task<string> LegacyAsync(Uri source)
    {
        using var client = new HttpClient(new HttpClientHandler()); // expect(project): HCG001
        return await client.GetStringAsync(source);
    }
#endif
}
