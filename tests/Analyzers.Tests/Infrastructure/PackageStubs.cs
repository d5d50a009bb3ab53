namespace HttpClientGuard.Analyzers.Tests.Infrastructure;

/// <summary>
/// Source declarations of package types the tests do not reference (a licence keeps the package out, or only its shape matters), with the package's
/// own namespaces and signatures, appended to a test's source.
/// </summary>
internal static class PackageStubs
{
    /// <summary>
    /// <c>System.Net.Http.HttpClientFactory</c> of Microsoft.AspNet.WebApi.Client (System.Net.Http.Formatting): <c>Create(params
    /// DelegatingHandler[])</c> builds a new <c>HttpClientHandler</c> under the handlers, <c>Create(HttpMessageHandler,
    /// params DelegatingHandler[])</c> wraps the given one.
    /// </summary>
    public const string WebApiHttpClientFactory = """

        namespace System.Net.Http
        {
            public static class HttpClientFactory
            {
                public static HttpClient Create(params DelegatingHandler[] handlers) => throw null;
                public static HttpClient Create(HttpMessageHandler innerHandler, params DelegatingHandler[] handlers) => throw null;
            }
        }

        """;

    /// <summary>
    /// The shape of Autofac's registration API (<c>RegisterType</c>, <c>Register</c>, <c>RegisterInstance</c> and the lifetime
    /// calls of the fluent chain), compiled as another assembly (<c>TestOptions.LibrarySource</c>) as the package is.
    /// </summary>
    public const string Autofac = """
        namespace Autofac
        {
            public class ContainerBuilder { }

            public interface IComponentContext { }

            public interface IRegistrationBuilder<TLimit>
            {
                IRegistrationBuilder<TLimit> As<TService>();
                IRegistrationBuilder<TLimit> AsSelf();
                IRegistrationBuilder<TLimit> SingleInstance();
                IRegistrationBuilder<TLimit> InstancePerLifetimeScope();
                IRegistrationBuilder<TLimit> InstancePerDependency();
            }

            public static class RegistrationExtensions
            {
                public static IRegistrationBuilder<T> RegisterType<T>(this ContainerBuilder builder) => null;
                public static IRegistrationBuilder<T> Register<T>(this ContainerBuilder builder, System.Func<IComponentContext, T> create) => null;
                public static IRegistrationBuilder<T> RegisterInstance<T>(this ContainerBuilder builder, T instance) where T : class => null;
            }
        }
        """;
}
