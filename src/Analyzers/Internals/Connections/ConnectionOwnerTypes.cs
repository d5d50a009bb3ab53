using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// The catalogue (<see cref="ConnectionOwnerCatalogue"/>) and the user's own types
/// (<c>httpclientguard.connection_owner_types</c>) resolved once per compilation: which creations and
/// factory calls make a client that owns its connections, the names that gate them before binding,
/// and whether a creation's arguments make it share a pool it did not create. Null from
/// <see cref="TryCreate"/> when the compilation references no catalogue assembly and names no user type.
/// </summary>
internal sealed class ConnectionOwnerTypes
{
    /// <summary>The option naming the user's own connection owners: types (their constructors) and <c>Type.Method</c> factories.</summary>
    public const string UserTypesOption = "httpclientguard.connection_owner_types";

    private static readonly char[] s_separators = { ',', ';', ' ', '\t' };

    private readonly Dictionary<INamedTypeSymbol, Resolved> _constructors;
    private readonly Dictionary<(INamedTypeSymbol Type, string Method), Resolved> _methods;
    private readonly AnalyzerConfigOptionsProvider _options;
    private readonly ConcurrentDictionary<string, HashSet<string>> _parsedValues = new(StringComparer.Ordinal);

    private ConnectionOwnerTypes(
        Dictionary<INamedTypeSymbol, Resolved> constructors,
        Dictionary<(INamedTypeSymbol, string), Resolved> methods,
        AnalyzerConfigOptionsProvider options)
    {
        _constructors = constructors;
        _methods = methods;
        _options = options;
        var typeNames = new HashSet<string>(StringComparer.Ordinal);
        var methodNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in constructors.Keys)
        {
            typeNames.Add(type.Name);
        }

        foreach (var (type, method) in methods.Keys)
        {
            typeNames.Add(type.Name);
            methodNames.Add(method);
        }

        ConstructedTypeNames = typeNames;
        MethodNames = methodNames;
    }

    /// <summary>Simple names of the types with a catalogue row (constructed, or declaring a factory): the text gate.</summary>
    public HashSet<string> ConstructedTypeNames { get; }

    /// <summary>Simple names of the factory methods: an invocation of another name is never bound.</summary>
    public HashSet<string> MethodNames { get; }

    public static ConnectionOwnerTypes? TryCreate(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var identity in compilation.ReferencedAssemblyNames)
        {
            referenced.Add(identity.Name);
        }

        var constructors = new Dictionary<INamedTypeSymbol, Resolved>(SymbolEqualityComparer.Default);
        var methods = new Dictionary<(INamedTypeSymbol, string), Resolved>(MethodKeyComparer.Instance);
        foreach (var entry in ConnectionOwnerCatalogue.Entries)
        {
            // Only the packages the project references are looked up: most projects reference none.
            if (entry.AssemblyName is { } assembly && referenced.Contains(assembly))
            {
                Add(entry);
            }
        }

        foreach (var key in UserKeys(compilation, options.AnalyzerConfigOptionsProvider, cancellationToken))
        {
            if (compilation.GetTypeByMetadataName(key) is { } type)
            {
                Add(new ConnectionOwnerEntry(null, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty), ConnectionOwnerCreation.Constructor, null, vendorGuidance: false), type, key);
                continue;
            }

            var dot = key.LastIndexOf('.');
            if (dot > 0 && compilation.GetTypeByMetadataName(key.Substring(0, dot)) is { } declaring &&
                !declaring.GetMembers(key.Substring(dot + 1)).IsEmpty)
            {
                Add(new ConnectionOwnerEntry(null, key.Substring(0, dot), ConnectionOwnerCreation.StaticMethod, key.Substring(dot + 1), vendorGuidance: false), declaring, key);
            }
        }

        return constructors.Count == 0 && methods.Count == 0 ? null : new ConnectionOwnerTypes(constructors, methods, options.AnalyzerConfigOptionsProvider);

        void Add(ConnectionOwnerEntry entry, INamedTypeSymbol? type = null, string? userKey = null)
        {
            type ??= compilation.GetTypeByMetadataName(entry.TypeName);
            if (type is null)
            {
                return;
            }

            var shapes = ImmutableArray.CreateBuilder<ResolvedShape>(entry.QuietWhen.Length);
            foreach (var shape in entry.QuietWhen)
            {
                var shapeType = shape.Kind == QuietShapeKind.ArgumentIsTrue ? null : compilation.GetTypeByMetadataName(shape.TypeName);
                var except = shape.ExceptValueType is { } exceptName ? compilation.GetTypeByMetadataName(exceptName) : null;
                shapes.Add(new ResolvedShape(shape, shapeType, except));
            }

            var resolved = new Resolved(entry, type, shapes.ToImmutable(), userKey);
            if (entry.MethodName is { } method)
            {
                methods[(type, method)] = resolved;
            }
            else
            {
                constructors[type] = resolved;
            }
        }
    }

    /// <summary>The catalogue row of <c>new T(...)</c>, or null.</summary>
    public Resolved? ForConstructor(ITypeSymbol? created) =>
        created is INamedTypeSymbol named && _constructors.TryGetValue(named.OriginalDefinition, out var resolved) ? resolved : null;

    /// <summary>The catalogue row of a factory method (static or instance, as the row says), or null.</summary>
    public Resolved? ForMethod(IMethodSymbol method)
    {
        if (!_methods.TryGetValue((method.ContainingType.OriginalDefinition, method.Name), out var resolved))
        {
            return null;
        }

        return resolved.Entry.Creation switch
        {
            ConnectionOwnerCreation.StaticMethod when !resolved.Entry.IsUserEntry => method.IsStatic ? resolved : null,
            ConnectionOwnerCreation.InstanceMethod => method.IsStatic ? null : resolved,
            _ => resolved,
        };
    }

    /// <summary>
    /// A user entry applies to <paramref name="tree"/> when the option's value for that file (an
    /// <c>.editorconfig</c> section) or, without one, for the project (a global config) lists it.
    /// </summary>
    public bool AppliesTo(Resolved resolved, SyntaxTree tree)
    {
        if (resolved.UserKey is not { } key)
        {
            return true;
        }

        if (!_options.GetOptions(tree).TryGetValue(UserTypesOption, out var value) &&
            !_options.GlobalOptions.TryGetValue(UserTypesOption, out value))
        {
            return false;
        }

        return _parsedValues.GetOrAdd(value, static v => new HashSet<string>(Parse(v), StringComparer.Ordinal)).Contains(key);
    }

    /// <summary>
    /// True when the creation's arguments hand it a pool made elsewhere (a <c>quiet_when</c> shape):
    /// an <c>HttpClient</c>, a handler, a connection or settings object passed in, a factory flag, an
    /// options object that sets the shared client. An argument created right here is judged by its own rule.
    /// </summary>
    public static bool SharesAPool(Resolved resolved, IOperation? creation)
    {
        ImmutableArray<IArgumentOperation> arguments;
        switch (creation)
        {
            case IObjectCreationOperation objectCreation:
                arguments = objectCreation.Arguments;
                break;
            case IInvocationOperation invocation:
                arguments = invocation.Arguments;
                break;
            default:
                // Code that does not bind (no overload fits, half-typed): nothing is known, nothing is reported.
                return true;
        }

        if (resolved.Shapes.IsEmpty)
        {
            return false;
        }

        foreach (var shape in resolved.Shapes)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                var value = argument.Value.SkipConversions();
                switch (shape.Shape.Kind)
                {
                    case QuietShapeKind.Parameter when shape.Type is not null && IsOfType(parameter.Type, shape.Type) && !IsNullOrDefault(value):
                        return true;

                    case QuietShapeKind.ArgumentIsTrue when parameter.Name == shape.Shape.MemberName && value is { ConstantValue: { HasValue: true, Value: true } }:
                        return true;

                    case QuietShapeKind.Property when shape.Type is not null && IsOfType(parameter.Type, shape.Type) && !IsNullOrDefault(value):
                        if (SetsProperty(value, shape))
                        {
                            return true;
                        }

                        break;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The options passed set the property (to a value of another type than the excluded one). Options
    /// made elsewhere (a field, a parameter, a local) cannot be read here: they may set it, so they count as sharing.
    /// </summary>
    private static bool SetsProperty(IOperation? options, ResolvedShape shape)
    {
        if (options is not IObjectCreationOperation { } created)
        {
            return true;
        }

        if (created.Initializer is null)
        {
            return false;
        }

        foreach (var initializer in created.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment &&
                property.Property.Name == shape.Shape.MemberName)
            {
                var valueType = assignment.Value.SkipConversions()?.Type;
                return shape.ExceptValueType is null || !valueType.InheritsFromOrEquals(shape.ExceptValueType);
            }
        }

        return false;
    }

    private static bool IsOfType(ITypeSymbol parameterType, INamedTypeSymbol shapeType) =>
        parameterType.InheritsFromOrEquals(shapeType) || parameterType.Implements(shapeType);

    private static bool IsNullOrDefault(IOperation? value) =>
        value is null || value is IDefaultValueOperation || value is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };

    private static IEnumerable<string> UserKeys(Compilation compilation, AnalyzerConfigOptionsProvider provider, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (provider.GlobalOptions.TryGetValue(UserTypesOption, out var global))
        {
            keys.UnionWith(Parse(global));
        }

        // .editorconfig sections are per file: the union of the files' values is resolved once; AppliesTo scopes each entry.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (provider.GetOptions(tree).TryGetValue(UserTypesOption, out var value) && seen.Add(value))
            {
                keys.UnionWith(Parse(value));
            }
        }

        return keys;
    }

    private static IEnumerable<string> Parse(string value)
    {
        foreach (var part in value.Split(s_separators, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return part.Trim();
        }
    }

    /// <summary>A catalogue row (or user entry) resolved in this compilation.</summary>
    internal sealed class Resolved
    {
        public Resolved(ConnectionOwnerEntry entry, INamedTypeSymbol type, ImmutableArray<ResolvedShape> shapes, string? userKey)
        {
            Entry = entry;
            Type = type;
            Shapes = shapes;
            UserKey = userKey;
        }

        public ConnectionOwnerEntry Entry { get; }

        public INamedTypeSymbol Type { get; }

        public ImmutableArray<ResolvedShape> Shapes { get; }

        /// <summary>The option entry that named it, for user entries.</summary>
        public string? UserKey { get; }

        /// <summary>How the message names the creation: <c>RestClient</c>, <c>GrpcChannel.ForAddress</c>.</summary>
        public string DisplayName => Entry.MethodName is { } method ? Type.Name + "." + method : Type.Name;
    }

    internal sealed class ResolvedShape
    {
        public ResolvedShape(QuietShape shape, INamedTypeSymbol? type, INamedTypeSymbol? exceptValueType)
        {
            Shape = shape;
            Type = type;
            ExceptValueType = exceptValueType;
        }

        public QuietShape Shape { get; }

        public INamedTypeSymbol? Type { get; }

        public INamedTypeSymbol? ExceptValueType { get; }
    }

    private sealed class MethodKeyComparer : IEqualityComparer<(INamedTypeSymbol Type, string Method)>
    {
        public static readonly MethodKeyComparer Instance = new();

        public bool Equals((INamedTypeSymbol Type, string Method) x, (INamedTypeSymbol Type, string Method) y) =>
            SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && string.Equals(x.Method, y.Method, StringComparison.Ordinal);

        public int GetHashCode((INamedTypeSymbol Type, string Method) obj) =>
            SymbolEqualityComparer.Default.GetHashCode(obj.Type) ^ StringComparer.Ordinal.GetHashCode(obj.Method);
    }
}
