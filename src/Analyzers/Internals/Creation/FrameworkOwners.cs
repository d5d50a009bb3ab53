using Microsoft.CodeAnalysis;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Framework base types whose instances the framework creates per request (or per call): an
/// HTTP client in their constructor is a client per request. Resolved once per compilation.
/// </summary>
internal sealed class FrameworkOwners
{
    private readonly (INamedTypeSymbol Type, string Kind)[] _perRequestBases;
    private readonly INamedTypeSymbol? _apiControllerAttribute;

    private FrameworkOwners((INamedTypeSymbol, string)[] perRequestBases, INamedTypeSymbol? apiControllerAttribute)
    {
        _perRequestBases = perRequestBases;
        _apiControllerAttribute = apiControllerAttribute;
    }

    public static FrameworkOwners Create(Compilation compilation)
    {
        var bases = new System.Collections.Generic.List<(INamedTypeSymbol, string)>();
        Add("Microsoft.AspNetCore.Mvc.ControllerBase", "an ASP.NET Core controller, created per request");
        Add("Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "a Razor Pages model, created per request");
        Add("Microsoft.AspNetCore.SignalR.Hub", "a SignalR hub, created per hub method call");
        Add("Microsoft.AspNetCore.Components.ComponentBase", "a Blazor component, created per render of its parent");
        Add("System.Web.Mvc.Controller", "an ASP.NET MVC controller, created per request");
        Add("System.Web.Http.ApiController", "an ASP.NET Web API controller, created per request");
        return new FrameworkOwners(bases.ToArray(), compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ApiControllerAttribute"));

        void Add(string metadataName, string kind)
        {
            if (compilation.GetTypeByMetadataName(metadataName) is { } type)
            {
                bases.Add((type, kind));
            }
        }
    }

    /// <summary>Why instances of <paramref name="owner"/> are per request, or null when they are not known to be.</summary>
    public string? PerRequestKind(INamedTypeSymbol owner)
    {
        foreach (var (type, kind) in _perRequestBases)
        {
            if (owner.InheritsFromOrEquals(type))
            {
                return kind;
            }
        }

        if (_apiControllerAttribute is not null)
        {
            for (var current = owner; current is not null; current = current.BaseType)
            {
                foreach (var attribute in current.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _apiControllerAttribute))
                    {
                        return "an ASP.NET Core API controller, created per request";
                    }
                }
            }
        }

        return null;
    }
}
