namespace HttpClientGuard.Runtime.Tests;

public class PoolTypeTests
{
    [Fact]
    public void HttpClientPool_IsPublicStatic()
    {
        var type = typeof(HttpClientPool);
        Assert.True(type.IsPublic && type.IsAbstract && type.IsSealed);
    }
}
