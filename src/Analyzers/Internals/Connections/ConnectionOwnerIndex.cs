using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// For HCG008, what <see cref="OwnerIndex"/> is for HCG001: a syntax-only, lazily built index of the
/// names worth binding compilation-wide. Types that may create a connection owner per instance (and
/// the holders that create those per instance), and methods that may return one (factories). Only
/// files whose text spells a catalogue type's name are walked; the holders' search reads every file's
/// text first. Supersets; binding decides.
/// </summary>
internal sealed class ConnectionOwnerIndex
{
    private readonly Lazy<(HashSet<string> Owners, HashSet<string> Factories)> _scan;

    public ConnectionOwnerIndex(Compilation compilation, ConnectionOwnerTypes types, CancellationToken cancellationToken) =>
        _scan = new Lazy<(HashSet<string>, HashSet<string>)>(() => Scan(compilation, types, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);

    public bool MayBeOwner(string typeName) => _scan.Value.Owners.Contains(typeName);

    public bool HasOwners => _scan.Value.Owners.Count > 0;

    public bool MayBeFactory(string methodName) => _scan.Value.Factories.Contains(methodName);

    public bool HasFactories => _scan.Value.Factories.Count > 0;

    private static (HashSet<string> Owners, HashSet<string> Factories) Scan(Compilation compilation, ConnectionOwnerTypes types, CancellationToken cancellationToken)
    {
        var owners = new HashSet<string>(StringComparer.Ordinal);
        var factories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!tree.MentionsAny(types.ConstructedTypeNames, cancellationToken))
            {
                continue;
            }

            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                var mayCreate = node switch
                {
                    BaseObjectCreationExpressionSyntax creation => SyntaxGates.WrittenTypeName(creation) is not { } name || types.ConstructedTypeNames.Contains(name),
                    InvocationExpressionSyntax invocation => invocation.InvokedName() is { } method && types.MethodNames.Contains(method),
                    _ => false,
                };
                if (!mayCreate)
                {
                    continue;
                }

                if (OwnerIndex.IsPerInstancePosition(node) && node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } owner)
                {
                    owners.Add(owner.Identifier.ValueText);
                }

                if (node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } factory && OwnerIndex.MayBeReturned(node, factory))
                {
                    factories.Add(factory.Identifier.ValueText);
                }
            }
        }

        AddHolders(compilation, owners, cancellationToken);
        return (owners, factories);
    }

    /// <summary>Types whose instances create an owner per instance, level by level, up to <see cref="OwnerIndex.MaxHolderDepth"/> deep.</summary>
    private static void AddHolders(Compilation compilation, HashSet<string> owners, CancellationToken cancellationToken)
    {
        var sought = new HashSet<string>(owners, StringComparer.Ordinal);
        for (var depth = 0; depth < OwnerIndex.MaxHolderDepth && sought.Count > 0; depth++)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!tree.MentionsAny(sought, cancellationToken))
                {
                    continue;
                }

                foreach (var creation in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (creation is BaseObjectCreationExpressionSyntax objectCreation &&
                        SyntaxGates.WrittenTypeName(objectCreation) is { } name && sought.Contains(name) &&
                        OwnerIndex.IsPerInstancePosition(objectCreation) && objectCreation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } holder &&
                        owners.Add(holder.Identifier.ValueText))
                    {
                        found.Add(holder.Identifier.ValueText);
                    }
                }
            }

            sought = found;
        }
    }
}
