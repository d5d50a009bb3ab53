using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Catalogue types written by name where the package does not bind: <c>hcg scan</c> in folder mode without a restore, a
/// project whose restore failed, code typed before the package is added. <c>RestService.For&lt;T&gt;(url)</c> or
/// <c>new GitHubClient(new ProductHeaderValue("app"))</c> whose type is an error type, in a file that imports the
/// package's namespace (or names it in full), is that package's. Precision first: only rows whose every published version
/// builds its own pool, and only argument shapes that give it no pool (an address, an API key, a product header) are
/// matched; any other argument (an <c>HttpClient</c>, a settings or options object the scan cannot read) keeps it quiet.
/// RestSharp is left out: before 107 it sent through <c>HttpWebRequest</c>, whose pools are process-wide.
/// </summary>
internal static class UnboundConnectionOwners
{
    private static readonly Row[] s_rows =
    {
        new("Refit", "RestService", "For", Arguments.AddressFirst),
        new("Refit", "RestService", "ForGenerated", Arguments.AddressFirst),
        new("Octokit", "GitHubClient", null, Arguments.ProductHeaderFirst),
        new("Flurl.Http", "FlurlClient", null, Arguments.NoneOrAddressFirst),
        new("SendGrid", "SendGridClient", null, Arguments.StringFirst),
        new("Grpc.Net.Client", "GrpcChannel", "ForAddress", Arguments.AddressOnly),
        new("StackExchange.Redis", "ConnectionMultiplexer", "Connect", Arguments.Any),
        new("StackExchange.Redis", "ConnectionMultiplexer", "ConnectAsync", Arguments.Any),
        new("Microsoft.Azure.Cosmos", "CosmosClient", null, Arguments.Any),
        new("Azure.Messaging.ServiceBus", "ServiceBusClient", null, Arguments.Any),
    };

    private static readonly HashSet<string> s_constructedNames = new(s_rows.Where(r => r.Method is null).Select(r => r.Type), StringComparer.Ordinal);

    private static readonly HashSet<string> s_methodNames = new(s_rows.Where(r => r.Method is not null).Select(r => r.Method!), StringComparer.Ordinal);

    /// <summary>What the arguments must be for the creation to build its own pool in every version.</summary>
    private enum Arguments
    {
        /// <summary>The first argument is a <c>string</c> or a <c>System.Uri</c> (a host address).</summary>
        AddressFirst,

        /// <summary>Exactly one argument, a <c>string</c> or a <c>System.Uri</c>.</summary>
        AddressOnly,

        /// <summary>No argument, or a first one that is a <c>string</c> or a <c>System.Uri</c>.</summary>
        NoneOrAddressFirst,

        /// <summary>The first argument is a <c>string</c> (an API key).</summary>
        StringFirst,

        /// <summary>The first argument's type is named <c>ProductHeaderValue</c> (Octokit's or the one of System.Net.Http.Headers).</summary>
        ProductHeaderFirst,

        /// <summary>Whatever is passed (no shape of the row shares a pool).</summary>
        Any,
    }

    /// <summary>True when <paramref name="name"/> is the simple name of a constructed row: the text gate before binding.</summary>
    public static bool MayConstruct(string? name) => name is not null && s_constructedNames.Contains(name);

    /// <summary>True when <paramref name="name"/> is a factory method of a row: the text gate before binding.</summary>
    public static bool MayCall(string? name) => name is not null && s_methodNames.Contains(name);

    /// <summary>How the message names an unbound <c>new T(...)</c> of a row (<c>GitHubClient</c>), or null.</summary>
    public static string? ForCreation(ObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        var (qualifier, name) = Split(creation.Type);
        if (name is null || !MayConstruct(name) ||
            model.GetTypeInfo(creation, cancellationToken).Type is { TypeKind: not TypeKind.Error })
        {
            return null;
        }

        var arguments = creation.ArgumentList?.Arguments ?? default;
        foreach (var row in s_rows)
        {
            if (row.Method is null && row.Type == name && Imports(creation, qualifier, row.Namespace, model) &&
                Fits(row.Arguments, arguments, model, cancellationToken))
            {
                return row.Type;
            }
        }

        return null;
    }

    /// <summary>How the message names an unbound <c>T.Method(...)</c> of a row (<c>RestService.For</c>), or null.</summary>
    public static string? ForInvocation(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access ||
            !MayCall(access.Name.Identifier.ValueText))
        {
            return null;
        }

        var (qualifier, name) = Split(access.Expression);
        if (name is null || !s_rows.Any(r => r.Type == name) ||
            model.GetSymbolInfo(access.Expression, cancellationToken) is not { Symbol: null, CandidateSymbols.IsEmpty: true } ||
            model.GetTypeInfo(access.Expression, cancellationToken).Type is { TypeKind: not TypeKind.Error })
        {
            return null;
        }

        var method = access.Name.Identifier.ValueText;
        foreach (var row in s_rows)
        {
            if (row.Method == method && row.Type == name && Imports(invocation, qualifier, row.Namespace, model) &&
                Fits(row.Arguments, invocation.ArgumentList.Arguments, model, cancellationToken))
            {
                return row.Type + "." + row.Method;
            }
        }

        return null;
    }

    /// <summary>The written name's qualifier (<c>Refit</c> of <c>Refit.RestService</c>, null when simple) and its simple name.</summary>
    private static (string? Qualifier, string? Name) Split(ExpressionSyntax written) => written switch
    {
        IdentifierNameSyntax identifier => (null, identifier.Identifier.ValueText),
        QualifiedNameSyntax qualified when qualified.Right is IdentifierNameSyntax right => (qualified.Left.ToString(), right.Identifier.ValueText),
        MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Name: IdentifierNameSyntax right } access => (access.Expression.ToString(), right.Identifier.ValueText),
        _ => (null, null),
    };

    /// <summary>The name is qualified with the namespace, or the code where it is written sees the namespace.</summary>
    private static bool Imports(SyntaxNode node, string? qualifier, string ns, SemanticModel model) =>
        qualifier is not null ? string.Equals(qualifier, ns, StringComparison.Ordinal) : node.SeesNamespace(ns, model.Compilation);

    /// <summary>The arguments fit the row's shape; an argument still being typed (missing) never fits.</summary>
    private static bool Fits(Arguments shape, SeparatedSyntaxList<ArgumentSyntax> arguments, SemanticModel model, CancellationToken cancellationToken)
    {
        if (arguments.Any(argument => argument.Expression.IsMissing))
        {
            return false;
        }

        var first = arguments.Count > 0 ? model.GetTypeInfo(arguments[0].Expression, cancellationToken).Type : null;
        return shape switch
        {
            Arguments.AddressFirst => arguments.Count > 0 && IsAddress(first),
            Arguments.AddressOnly => arguments.Count == 1 && IsAddress(first),
            Arguments.NoneOrAddressFirst => arguments.Count == 0 || IsAddress(first),
            Arguments.StringFirst => arguments.Count > 0 && first is { SpecialType: SpecialType.System_String },
            Arguments.ProductHeaderFirst => arguments.Count > 0 && first is { Name: "ProductHeaderValue" },
            _ => true,
        };
    }

    private static bool IsAddress(ITypeSymbol? type) =>
        type is { SpecialType: SpecialType.System_String } ||
        type is INamedTypeSymbol { Name: "Uri", TypeKind: not TypeKind.Error, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private sealed class Row
    {
        public Row(string ns, string type, string? method, Arguments arguments)
        {
            Namespace = ns;
            Type = type;
            Method = method;
            Arguments = arguments;
        }

        public string Namespace { get; }

        public string Type { get; }

        public string? Method { get; }

        public Arguments Arguments { get; }
    }
}
