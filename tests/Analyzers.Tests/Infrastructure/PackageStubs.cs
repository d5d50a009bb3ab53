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

    /// <summary>
    /// The shape of Ninject's binding API (<c>Bind&lt;T&gt;()</c>, <c>To&lt;TImplementation&gt;()</c>, <c>ToSelf()</c>,
    /// <c>ToMethod</c>, <c>ToConstant</c> and the scope calls of the fluent chain), compiled as another assembly
    /// (<c>TestOptions.LibrarySource</c>) as the package is.
    /// </summary>
    public const string Ninject = """
        namespace Ninject.Activation
        {
            public interface IContext { }
        }

        namespace Ninject.Syntax
        {
            public interface IBindingWhenInNamedWithOrOnSyntax<T>
            {
                IBindingWhenInNamedWithOrOnSyntax<T> InSingletonScope();
                IBindingWhenInNamedWithOrOnSyntax<T> InTransientScope();
                IBindingWhenInNamedWithOrOnSyntax<T> InThreadScope();
                IBindingWhenInNamedWithOrOnSyntax<T> Named(string name);
            }

            public interface IBindingToSyntax<T1>
            {
                IBindingWhenInNamedWithOrOnSyntax<TImplementation> To<TImplementation>() where TImplementation : T1;
                IBindingWhenInNamedWithOrOnSyntax<T1> ToSelf();
                IBindingWhenInNamedWithOrOnSyntax<T1> ToMethod(System.Func<Ninject.Activation.IContext, T1> method);
                IBindingWhenInNamedWithOrOnSyntax<T1> ToConstant(T1 value);
            }

            public interface IBindingRoot
            {
                IBindingToSyntax<T> Bind<T>();
            }
        }

        namespace Ninject
        {
            public interface IKernel : Ninject.Syntax.IBindingRoot { }
        }

        namespace Ninject.Web.Common
        {
            public static class RequestScopeExtensionMethod
            {
                public static Ninject.Syntax.IBindingWhenInNamedWithOrOnSyntax<T> InRequestScope<T>(this Ninject.Syntax.IBindingWhenInNamedWithOrOnSyntax<T> syntax) => syntax;
            }
        }
        """;
}

