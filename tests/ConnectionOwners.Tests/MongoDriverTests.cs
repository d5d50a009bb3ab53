using System.Net;
using System.Net.Sockets;
using MongoDB.Driver;

namespace HttpClientGuard.ConnectionOwners.Tests;

/// <remarks>
/// Debian packages no MongoDB server and no NuGet package here ships one, so connections are not counted: the catalogue
/// cites MongoDB's guidance (one MongoClient per application). What the driver does with a second client is checked
/// directly: clients built from equal settings are handed the same cluster, the object that owns the connection pools.
/// The connection string names a loopback port nobody listens on; the clusters are disposed before the test ends.
/// </remarks>
public sealed class MongoDriverTests
{
    [Fact]
    public void NewMongoClientWithEqualSettings_SharesTheCluster()
    {
        var url = ClosedLoopbackUrl();
        using var first = new MongoClient(url);
        using var second = new MongoClient(url);
        try
        {
            Assert.Same(first.Cluster, second.Cluster);
        }
        finally
        {
            ClusterRegistry.Instance.UnregisterAndDisposeCluster(first.Cluster);
        }
    }

    [Fact]
    public void NewMongoClientWithDifferentSettings_GetsAClusterOfItsOwn()
    {
        var url = ClosedLoopbackUrl();
        using var first = new MongoClient(url);
        using var second = new MongoClient(url + "&appName=second");
        try
        {
            Assert.NotSame(first.Cluster, second.Cluster);
        }
        finally
        {
            ClusterRegistry.Instance.UnregisterAndDisposeCluster(first.Cluster);
            ClusterRegistry.Instance.UnregisterAndDisposeCluster(second.Cluster);
        }
    }

    private static string ClosedLoopbackUrl()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"mongodb://127.0.0.1:{port}/?connectTimeoutMS=500&serverSelectionTimeoutMS=500";
    }
}
