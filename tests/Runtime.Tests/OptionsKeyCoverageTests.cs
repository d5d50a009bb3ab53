using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using HttpClientGuard.Pooling;
using HttpClientGuard.Runtime.Tests.Infrastructure;

namespace HttpClientGuard.Runtime.Tests;

/// <summary>
/// Every public property of <see cref="PooledHandlerOptions"/> must take part in the pool key, or be listed here with the
/// reason it cannot affect a connection. A property the key forgets would let callers with different TLS or connection
/// settings share a handler, so a property added without a key change fails here.
/// </summary>
public sealed class OptionsKeyCoverageTests
{
    private static readonly NetworkCredential s_credentials = new("svc-user", "not-a-real-password");

    /// <summary>Changes the test cannot derive from the property's type (references and collections), each with the
    /// baseline it is compared against when the default is not the right one.</summary>
    private static readonly Dictionary<string, (Action<PooledHandlerOptions>? Baseline, Action<PooledHandlerOptions> Change)> s_explicitChanges = new()
    {
        [nameof(PooledHandlerOptions.ClientCertificates)] = (null, o => o.ClientCertificates.Add(TestCertificates.ClientA)),
        [nameof(PooledHandlerOptions.TrustedRootCertificates)] = (null, o => o.TrustedRootCertificates.Add(TestCertificates.PublicCopy(TestCertificates.Authority))),
        [nameof(PooledHandlerOptions.ServerCertificateCustomValidationCallback)] = (null, o => o.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator),
        [nameof(PooledHandlerOptions.Proxy)] = (null, o => o.Proxy = new WebProxy("http://proxy.invalid:8080")),
        [nameof(PooledHandlerOptions.DefaultProxyCredentials)] = (null, o => o.DefaultProxyCredentials = s_credentials),
        [nameof(PooledHandlerOptions.Credentials)] = (null, o => o.Credentials = s_credentials),

        // The container is keyed only while cookies are on: compare two containers with cookies on.
        [nameof(PooledHandlerOptions.CookieContainer)] = (
            o => (o.UseCookies, o.CookieContainer) = (true, new CookieContainer()),
            o => (o.UseCookies, o.CookieContainer) = (true, new CookieContainer())),
    };

    /// <summary>Properties that cannot change what a connection does, with the reason. Empty today: every property is
    /// handler-level. Adding one here needs a reason a reviewer can check.</summary>
    private static readonly Dictionary<string, string> s_notAffectingConnections = new();

    public static TheoryData<string> PublicProperties => new(OptionProperties().Select(property => property.Name));

    [Theory]
    [MemberData(nameof(PublicProperties))]
    internal void EveryProperty_ChangedFromItsDefault_ChangesTheFingerprint(string propertyName)
    {
        if (s_notAffectingConnections.TryGetValue(propertyName, out var reason))
        {
            Assert.False(string.IsNullOrWhiteSpace(reason), $"{propertyName} is listed as not affecting connections without a reason");
            return;
        }

        var property = typeof(PooledHandlerOptions).GetProperty(propertyName)!;
        using var pool = TestPools.Create();
        var baseline = new PooledHandlerOptions();
        var changed = new PooledHandlerOptions();
        if (s_explicitChanges.TryGetValue(propertyName, out var explicitChange))
        {
            explicitChange.Baseline?.Invoke(baseline);
            explicitChange.Baseline?.Invoke(changed);
            explicitChange.Change(changed);
        }
        else
        {
            Assert.True(property.CanWrite && property.SetMethod!.IsPublic, $"{propertyName} has no public setter: add a change for it to s_explicitChanges");
            var value = DifferentValidValue(pool, property);
            property.SetValue(changed, value);
            Assert.NotEqual(property.GetValue(baseline), property.GetValue(changed));
        }

        Assert.True(
            pool.GetFingerprint(baseline) != pool.GetFingerprint(changed),
            $"changing {propertyName} leaves the pool key as it was: write it in KeySerializer, or list it in s_notAffectingConnections with the reason");
    }

    [Theory]
    [MemberData(nameof(PublicProperties))]
    internal void EveryProperty_ReachesTheHandlerRecipe(string propertyName)
    {
        if (s_notAffectingConnections.ContainsKey(propertyName))
        {
            return;
        }

        // The recipe is what a handler is built (and rebuilt) from: a keyed property it lacks would key handlers apart
        // that are then built alike.
        Assert.NotNull(typeof(HandlerRecipe).GetProperty(propertyName, BindingFlags.Public | BindingFlags.Instance));
    }

    [Fact]
    public void ListedProperties_AllExist()
    {
        var names = OptionProperties().Select(property => property.Name).ToHashSet();

        Assert.All(s_explicitChanges.Keys.Concat(s_notAffectingConnections.Keys), name => Assert.Contains(name, names));
    }

    [Fact]
    public void Reflection_FindsTheSettableAndCollectionProperties()
    {
        // Guards the reflection itself: if it found nothing, the theories above would pass vacuously.
        var names = OptionProperties().Select(property => property.Name).ToList();

        Assert.Contains(nameof(PooledHandlerOptions.SslProtocols), names);
        Assert.Contains(nameof(PooledHandlerOptions.ClientCertificates), names);
        Assert.Contains(nameof(PooledHandlerOptions.TrustedRootCertificates), names);
        Assert.True(names.Count >= 21, $"found only {names.Count} properties");
    }

    // Every public instance property: settable ones, collections, and anything get-only added later (which then needs an
    // explicit change or a listed reason).
    private static IEnumerable<PropertyInfo> OptionProperties()
        => typeof(PooledHandlerOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(property => property.Name, StringComparer.Ordinal);

    /// <summary>A value other than the default that the pool accepts, derived from the property's type.</summary>
    private static object DifferentValidValue(HandlerPool pool, PropertyInfo property)
    {
        var current = property.GetValue(new PooledHandlerOptions());
        var type = property.PropertyType;
        if (type == typeof(bool))
        {
            return !(bool)current!;
        }

        if (type == typeof(int))
        {
            return (int)current! == int.MaxValue ? int.MaxValue - 1 : (int)current! + 1;
        }

        if (type == typeof(TimeSpan))
        {
            return (TimeSpan)current! == System.Threading.Timeout.InfiniteTimeSpan ? TimeSpan.FromSeconds(5) : (TimeSpan)current! + TimeSpan.FromSeconds(1);
        }

        if (type == typeof(TimeSpan?))
        {
            return current is TimeSpan value ? value + TimeSpan.FromSeconds(1) : TimeSpan.FromMinutes(7);
        }

        if (type.IsEnum)
        {
            // The first defined value the pool accepts (some are rejected, such as SSL 2.0 and 3.0).
            foreach (var candidate in Enum.GetValues(type))
            {
                if (!candidate.Equals(current) && IsAccepted(pool, property, candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException($"No derived change for {property.Name} ({type}): add one to s_explicitChanges.");
    }

    private static bool IsAccepted(HandlerPool pool, PropertyInfo property, object value)
    {
        var options = new PooledHandlerOptions();
        property.SetValue(options, value);
        try
        {
            pool.GetFingerprint(options);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
