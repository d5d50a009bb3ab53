using System;
using System.Threading.Tasks;
using HttpClientGuard.ConnectionOwners.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace HttpClientGuard.ConnectionOwners.Tests;

/// <remarks>
/// Both clients check that they talk to Elasticsearch (the <c>X-Elastic-Product</c> header; NEST 7 also reads the
/// version from <c>GET /</c>), so the server answers every request as a cluster's root endpoint would.
/// </remarks>
public sealed class ElasticsearchTests(ITestOutputHelper output)
{
    private const string Root = """
        {"name":"node","cluster_name":"test","version":{"number":"9.0.0","build_flavor":"default","lucene_version":"10.0.0","minimum_wire_compatibility_version":"8.18.0","minimum_index_compatibility_version":"8.0.0"},"tagline":"You Know, for Search"}
        """;

    [Fact]
    public async Task NewElasticsearchClientPerCall_OpensAConnectionPerCall()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(_ => PingAsync(new Elastic.Clients.Elasticsearch.ElasticsearchClient(server.BaseAddress)));

        output.Report("new ElasticsearchClient(uri) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task SharedElasticsearchClient_ReusesItsConnection()
    {
        await using var server = await StartAsync();
        var client = new Elastic.Clients.Elasticsearch.ElasticsearchClient(server.BaseAddress);

        await ConnectionShape.RunCallsAsync(_ => PingAsync(client));

        output.Report("one ElasticsearchClient", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewElasticsearchClientOverNewSettingsPerCall_OpensAConnectionPerCall()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(_ =>
            PingAsync(new Elastic.Clients.Elasticsearch.ElasticsearchClient(new Elastic.Clients.Elasticsearch.ElasticsearchClientSettings(server.BaseAddress))));

        output.Report("new ElasticsearchClient(new ElasticsearchClientSettings(uri)) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task NewElasticsearchClientOverSharedSettingsPerCall_ReusesOneConnection()
    {
        await using var server = await StartAsync();
        var settings = new Elastic.Clients.Elasticsearch.ElasticsearchClientSettings(server.BaseAddress);

        // The transport's request invoker, and with it the HttpClient, belongs to the settings object.
        await ConnectionShape.RunCallsAsync(_ => PingAsync(new Elastic.Clients.Elasticsearch.ElasticsearchClient(settings)));

        output.Report("new ElasticsearchClient(sharedSettings) per call", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewNestElasticClientPerCall_OpensAConnectionPerCall()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(_ => PingAsync(new Nest.ElasticClient(server.BaseAddress)));

        output.Report("new ElasticClient(uri) (NEST) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task SharedNestElasticClient_ReusesItsConnection()
    {
        await using var server = await StartAsync();
        var client = new Nest.ElasticClient(server.BaseAddress);

        await ConnectionShape.RunCallsAsync(_ => PingAsync(client));

        output.Report("one ElasticClient (NEST)", server);
        ConnectionShape.AssertShared(server);
    }

    [Fact]
    public async Task NewNestElasticClientOverNewConnectionSettingsPerCall_OpensAConnectionPerCall()
    {
        await using var server = await StartAsync();

        await ConnectionShape.RunCallsAsync(_ => PingAsync(new Nest.ElasticClient(new Nest.ConnectionSettings(server.BaseAddress))));

        output.Report("new ElasticClient(new ConnectionSettings(uri)) (NEST) per call", server);
        ConnectionShape.AssertAboutOnePerCall(server);
    }

    [Fact]
    public async Task NewNestElasticClientOverSharedConnectionSettingsPerCall_ReusesOneConnection()
    {
        await using var server = await StartAsync();
        var settings = new Nest.ConnectionSettings(server.BaseAddress);

        await ConnectionShape.RunCallsAsync(_ => PingAsync(new Nest.ElasticClient(settings)));

        output.Report("new ElasticClient(sharedConnectionSettings) (NEST) per call", server);
        ConnectionShape.AssertShared(server);
    }

    private static Task<CountingServer> StartAsync() =>
        CountingServer.StartAsync(context =>
        {
            context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
            return CountingServer.WriteJsonAsync(context, Root);
        });

    private static async Task PingAsync(Elastic.Clients.Elasticsearch.ElasticsearchClient client)
    {
        var response = await client.PingAsync();
        Assert.True(response.IsValidResponse, response.DebugInformation);
    }

    private static async Task PingAsync(Nest.ElasticClient client)
    {
        var response = await client.PingAsync();
        Assert.True(response.IsValid, response.DebugInformation);
    }
}
