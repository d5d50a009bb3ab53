using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// A response handed out inside a result object (<c>Result&lt;HttpResponseMessage&gt;</c>; the method's return type names the
/// response, as every method <see cref="ResponseMethodNames"/> admits from source does) by a method of this compilation, and
/// read out of it by the caller:
/// <c>var result = await ExecuteRequest(...); if (result.IsSuccess) { var response = result.Value; ... }</c>.
/// </summary>
internal static partial class DisposalAnalysis
{
    /// <summary>
    /// The one instance property or field of type <c>HttpResponseMessage</c> of the object <paramref name="returnType"/> (or
    /// its task) gives: a class or struct that is neither a response, a tuple nor disposable (whether it is disposed would be
    /// the question then, a general IDisposable analyzer's). Null when it has none or several.
    /// </summary>
    public static ISymbol? ResponseMemberOfResult(ITypeSymbol? returnType, WellKnownTypes types)
    {
        if ((types.TaskResult(returnType) ?? returnType) is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsTupleType: false } result ||
            types.IsResponse(result) || types.IsDisposable(result))
        {
            return null;
        }

        ISymbol? found = null;
        for (var type = result; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                var memberType = member switch
                {
                    IPropertySymbol { IsStatic: false, IsIndexer: false } property => property.Type,
                    IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field => field.Type,
                    _ => null,
                };
                if (types.IsResponse(memberType))
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = member;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The verdict on the response a caller reads out of the result <paramref name="call"/> returns, when the result is
    /// kept in a local that is only read (its status, its error) and its response member is read once, into what the
    /// analysis follows as any response, or several times, each only for its members (<see cref="IsReadForItsMembers"/>),
    /// so that nothing disposes it. Null (nothing to report here) when the result goes anywhere else: returned, stored,
    /// handed to a method, its response not read at all, or read more than once into anything else.
    /// </summary>
    public static DisposalVerdict? AnalyzeReadFromResult(IInvocationOperation call, ISymbol responseMember, WellKnownTypes types, OwnershipSummaries ownership, CancellationToken cancellationToken)
    {
        var value = OutermostAwaited(call);
        if (value.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { IsRef: false } local } })
        {
            return null;
        }

        var reads = new List<IOperation>();
        foreach (var operation in value.Root().Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            var member = reference.Parent switch
            {
                IPropertyReferenceOperation property when property.Instance == reference => property.Property,
                IFieldReferenceOperation field when field.Instance == reference => (ISymbol)field.Field,
                _ => null,
            };
            if (member is null || reference.IsInsideFunction())
            {
                // The result itself is returned, stored, handed on, written or captured: whoever gets it owns the response.
                return null;
            }

            if (SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, responseMember.OriginalDefinition))
            {
                reads.Add(reference.Parent!);
            }
        }

        return reads.Count switch
        {
            0 => null,
            1 => Analyze(reads[0], ResourceKind.Response, types, ownership, cancellationToken),

            // 'if (ok) { using var reader = new StreamReader(await response.Raw.Content.ReadAsStreamAsync()); ... }
            // var body = await response.Raw.Content.ReadAsStringAsync(); throw ...': read for its members each time.
            _ => reads.TrueForAll(read => IsReadForItsMembers(read, types)) ? new DisposalVerdict(ValueFate.NotDisposed, value, local) : null,
        };
    }

    /// <summary>
    /// A response read out of a tuple or result object only for what it holds: a property (<c>res.message.Content</c>), a call
    /// on it that is not <c>Dispose</c> and hands back no response to keep (<c>EnsureSuccessStatusCode();</c> as a statement),
    /// or an equality test (<c>res.message == null</c>).
    /// </summary>
    private static bool IsReadForItsMembers(IOperation read, WellKnownTypes types) => read.WithEnclosingConversions().Parent switch
    {
        // Its own member: an argument (an indexer's key, a method's parameter) sits under an IArgumentOperation.
        IPropertyReferenceOperation => true,
        IInvocationOperation call => call.TargetMethod.Name is not ("Dispose" or "DisposeAsync") &&
                                     (!types.IsResponse(call.Type) || call.Parent is IExpressionStatementOperation),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } => true,
        IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var constant } } => constant.IsNullConstant(),
        _ => false,
    };

    /// <summary>
    /// For <see cref="OwnershipSummaries.ReturnsNewResponseInside"/>: the response <paramref name="produced"/> makes goes back
    /// to the caller inside the returned object (through locals, a constructor, or a factory that returns it wrapped).
    /// </summary>
    public static bool HandsOutInsideResult(IInvocationOperation produced, WellKnownTypes types, OwnershipSummaries ownership)
    {
        if (!IsReturnedOrStored(produced, types, ownership, depth: 0, CancellationToken.None))
        {
            return false;
        }

        var use = Classify(produced, ResourceKind.Response, types, ownership, out _, out var local, out _);
        return use == Use.KeptInLocal
            ? local is IParameterSymbol || (local is ILocalSymbol variable && !IsDisposedAnywhere(variable, produced, ResourceKind.Response, types, ownership))
            : use == Use.Escapes;
    }

    /// <summary>
    /// The result object a method built around a response (<c>var qr = await QuickResponse&lt;T&gt;.FromMessage(response);</c>,
    /// summary <see cref="ParameterOwnership.ReturnsWrapped"/>) is kept in a local that this member only reads and then drops:
    /// its other members read (<c>qr.Errors</c>), or methods of the compilation called on it that never name its response
    /// member and return neither it nor a response (<c>return qr.ToApiResponse();</c>, which copies the data and errors).
    /// Nobody gets the response out again, so disposing it is still this member's job. The object must not be disposable and
    /// must hold the response in one member (<see cref="ResponseMemberOfResult"/>).
    /// </summary>
    private static bool IsWrapperOnlyRead(IOperation owner, WellKnownTypes types)
    {
        var value = OutermostAwaited(owner);
        if (value.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { IsRef: false } wrapper } } ||
            ResponseMemberOfResult(value.Type, types) is not { } held ||
            value.Type is not INamedTypeSymbol wrapperType)
        {
            return false;
        }

        foreach (var operation in value.Root().Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, wrapper) ||
                reference.IsDeclaration)
            {
                continue;
            }

            switch (reference.Parent)
            {
                case IPropertyReferenceOperation { Property: var property } when !types.IsResponse(property.Type) && !IsSameMember(property, held):
                case IFieldReferenceOperation { Field: var field } when !types.IsResponse(field.Type) && !IsSameMember(field, held):
                    continue;
                case IInvocationOperation { Instance: var instance, TargetMethod: var method } when instance == reference &&
                    method.DeclaringSyntaxReferences.Length == 1 &&
                    !types.IsResponse(method.ReturnType) && !types.IsResponse(types.TaskResult(method.ReturnType)) &&
                    !method.ReturnType.InheritsFromOrEquals(wrapperType) && !wrapperType.InheritsFromOrEquals(method.ReturnType as INamedTypeSymbol) &&
                    !method.DeclaringSyntaxReferences[0].GetSyntax().SpellsIdentifier(held.Name):
                    continue;
                default:
                    return false;
            }
        }

        return true;

        static bool IsSameMember(ISymbol member, ISymbol held) =>
            member.Name == held.Name || SymbolEqualityComparer.Default.Equals(member.OriginalDefinition, held.OriginalDefinition);
    }
}
