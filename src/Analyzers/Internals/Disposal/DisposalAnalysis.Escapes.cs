using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>Does the value leave the member: returned, stored in a field or property, handed to an out parameter.</summary>
internal static partial class DisposalAnalysis
{
    /// <summary>
    /// The value produced by <paramref name="produced"/> is stored straight into a field or property of this object (or a
    /// static) that the same member also disposes or closes (<c>_stream = await response.Content.ReadAsStreamAsync(); try {
    /// ... } finally { _stream.Dispose(); }</c>): the member ends the stream's use itself, so it does not outlive the member's
    /// response.
    /// </summary>
    public static bool IsStoredInMemberTheMemberDisposes(IOperation produced)
    {
        var value = OutermostAwaited(produced);
        if (value.Parent is not ISimpleAssignmentOperation { Target: var target } assignment || assignment.Value != value ||
            StoredMember(target) is not { } member)
        {
            return false;
        }

        foreach (var operation in value.Root().Descendants())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close", Instance: { } instance } &&
                StoredMember(instance.SkipConversions()) is { } disposed && SymbolEqualityComparer.Default.Equals(disposed, member))
            {
                return true;
            }
        }

        return false;

        // A field or property of this object, or a static one: the same storage wherever the member names it.
        static ISymbol? StoredMember(IOperation? operation) => operation switch
        {
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.Length: 0 } property => property.Property,
            _ => null,
        };
    }

    /// <summary>
    /// True when the value produced by <paramref name="produced"/> is returned from the member or
    /// stored in a field, property or out parameter, directly or through locals.
    /// </summary>
    public static bool IsReturnedOrStored(IOperation produced, WellKnownTypes types, CancellationToken cancellationToken) =>
        IsReturnedOrStored(produced, types, wrappers: null, depth: 0, cancellationToken);

    // With 'wrappers', a value handed to a constructor ('new Response(status, response.Content)') or to a method that
    // returns it inside its result (ParameterOwnership.ReturnsWrapped) is followed into that object.
    // With 'function' (a lambda or local function that declares the response), a return from that function hands out too.
    private static bool IsReturnedOrStored(IOperation produced, WellKnownTypes types, OwnershipSummaries? wrappers, int depth, CancellationToken cancellationToken, IMethodSymbol? function = null)
    {
        if (depth > 3)
        {
            return false;
        }

        var value = produced;
        // return (stream, lastModified): an element of a tuple goes where the tuple goes.
        while ((AwaitedParent(value) ?? ValueThroughBranchOrTuple(value)) is { } next)
        {
            value = next;
        }

        ILocalSymbol? local;
        switch (value.Parent)
        {
            case IReturnOperation @return:
                // A lambda's return leaves the lambda, not the member; it leaves the response's function when the lambda declares the response.
                return !@return.IsInsideFunction() ||
                       function is not null && SymbolEqualityComparer.Default.Equals(@return.EnclosingFunction(), function);
            case ISimpleAssignmentOperation assignment when assignment.Value == value:
                if (assignment.Target is ILocalReferenceOperation target)
                {
                    local = target.Local;
                    break;
                }

                // 'new SubtitleResponse { Stream = stream }' of a type folder mode did not bind: a member of the object made, as
                // when it binds.
                return assignment.Target is IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation ||
                       assignment.Target is IInvalidOperation { Syntax: IdentifierNameSyntax { Parent: AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression } } } };
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                local = declarator.Symbol;
                break;
            case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref }:
                return true;
            case IArgumentOperation { Parent: IObjectCreationOperation creation } when wrappers is not null:
                return IsReturnedOrStored(creation, types, wrappers, depth + 1, cancellationToken, function);
            case IInvalidOperation { Syntax: ObjectCreationExpressionSyntax { ArgumentList: { } arguments } } unbound when wrappers is not null &&
                                                                                                                  arguments.Span.Contains(value.Syntax.Span):
                // 'new MultipartFile(name, stream, ...)' of a type another project declares, which folder mode did not bind: an
                // argument of a constructor goes into the object it makes, as with a bound one.
                return IsReturnedOrStored(unbound, types, wrappers, depth + 1, cancellationToken, function);
            case IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation call } when wrappers is not null &&
                                                                                                       ((wrappers.Of(call.TargetMethod, parameter) & ParameterOwnership.ReturnsWrapped) != 0 ||
                                                                                                        FrameworkStreamReaders.IsKeepingImageFactory(call)):
                return IsReturnedOrStored(call, types, wrappers, depth + 1, cancellationToken, function);
            case IInvalidOperation { Syntax: InvocationExpressionSyntax { ArgumentList: { } arguments } written } unbound when wrappers is not null &&
                                                                                                                  arguments.Span.Contains(value.Syntax.Span) &&
                                                                                                                  FrameworkStreamReaders.IsUnboundKeepingImageFactory(written):
                // 'return Image.FromStream(stream);' with System.Drawing missing: the image made holds the stream.
                return IsReturnedOrStored(unbound, types, wrappers, depth + 1, cancellationToken, function);
            default:
                return false;
        }

        foreach (var operation in value.Root().Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                !(reference.Parent is ISimpleAssignmentOperation assigned && assigned.Target == reference) &&
                IsReturnedOrStored(reference, types, wrappers, depth + 1, cancellationToken, function))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>a ?? b</c>, a branch of <c>c ? a : b</c>, an arm of a <c>switch</c> expression, an element of a tuple: the parent that
    /// carries the value on, or null.
    /// </summary>
    private static IOperation? ValueThroughBranchOrTuple(IOperation value) =>
        value.Parent switch
        {
            ICoalesceOperation or ITupleOperation => value.Parent,
            IConditionalOperation conditional when conditional.Condition != value => conditional,
            ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation @switch } arm when arm.Value == value => @switch,
            _ => null,
        };

    private static bool HandsOutContent(IPropertyReferenceOperation content, WellKnownTypes types, OwnershipSummaries ownership)
    {
        // async () => { var response = await client.SendAsync(...); return await response.Content.ReadAsStreamAsync(); }:
        // the lambda that made the response hands its content out, as a method would.
        var function = content.Instance is ILocalReferenceOperation { Local.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } declaring }
            ? declaring
            : null;
        if (content.Parent is IInvocationOperation read && read.Instance == content && types.IsContentStreamMethod(read.TargetMethod))
        {
            return IsReturnedOrStored(read, types, ownership, depth: 0, CancellationToken.None, function);
        }

        return IsReturnedOrStored(content, types, ownership, depth: 0, CancellationToken.None, function);
    }
}
