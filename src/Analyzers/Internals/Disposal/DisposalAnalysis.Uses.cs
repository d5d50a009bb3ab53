using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>How one use of the value treats it: walks up the operation tree through everything that is still the same value.</summary>
internal static partial class DisposalAnalysis
{
    /// <summary>Walks up from <paramref name="produced"/> through everything that is still the same value.</summary>
    private static Use Classify(IOperation produced, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership, out IOperation value, out ISymbol? local, out IOperation? forwardedTo)
    {
        value = produced;
        local = null;
        forwardedTo = null;
        while (true)
        {
            var parent = value.Parent;
            switch (parent)
            {
                case null:
                    return Use.Escapes;

                case INameOfOperation:
                    // $"could not retrieve {nameof(response)}": the local's name, a constant; the value is not touched.
                    return Use.Borrowed;

                case IConversionOperation { Type: { } resultless } lost when lost.Operand == value && kind != ResourceKind.Disposable &&
                                                                          lost.Parent is IArgumentOperation or IVariableInitializerOperation or IArrayInitializerOperation &&
                                                                          types.TaskResult(value.Type) is not null && IsTaskWithoutResult(resultless):
                    // tasks.Add(api.DeleteAsync(id)) into a List<Task>, Task pending = client.PostAsync(...): as a plain Task, nothing
                    // can read the response out again, so nobody disposes it; the task is fired and forgotten.
                    return Use.Discarded;

                case IConversionOperation conversion when conversion.Operand == value:
                case IAwaitOperation:
                case IConditionalOperation conditional when conditional.Condition != value:
                case ICoalesceOperation:
                case IParenthesizedOperation:
                    value = parent;
                    continue;

                case IConditionalAccessOperation maybe when maybe.WhenNotNull == value:
                    // 'action?.Invoke(client)': the call's value, or null when there is no delegate to call.
                    value = parent;
                    continue;

                case ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation @switch } arm when arm.Value == value:
                    // 'verb switch { Get => await client.GetAsync(u), _ => await client.PostAsync(u, c) }': each arm is the switch's value.
                    value = @switch;
                    continue;

                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == value && types.TaskResult(value.Type) is not null:
                    value = parent;
                    continue;

                case IInvocationOperation invocation when invocation.Instance == value:
                    switch (invocation.TargetMethod.Name)
                    {
                        case "ConfigureAwait":
                        case "GetAwaiter":
                        case "GetResult":
                            value = parent;
                            continue;
                        case "Dispose":
                        case "DisposeAsync":
                        case "Close":
                            return Use.Disposed;
                    }

                    if (ReturnsSameKind(invocation.Type, kind, types))
                    {
                        // EnsureSuccessStatusCode() and friends return the instance itself.
                        value = parent;
                        continue;
                    }

                    return Use.Borrowed;

                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } wrapper } wrapped
                    when wrapper.Arguments[0] == wrapped && IsConfigureAwaitWrapper(wrapper.TargetMethod):
                    // 'await client.SendAsync(request).ForAwait()': the user's own ConfigureAwait(false) wrapper hands back the task's result.
                    value = wrapper;
                    continue;

                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "ConfigureAwait", IsExtensionMethod: true } } configured } receiver
                    when configured.Arguments[0] == receiver:
                    // 'await using (stream.ConfigureAwait(false))': the configured wrapper disposes the stream.
                    value = configured;
                    continue;

                case IArrayInitializerOperation { Parent: IArrayCreationOperation { IsImplicit: true, Parent: IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray, Parent: IInvocationOperation call } } creation }
                    when creation.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Object } && !IsCollectionStore(call.TargetMethod) &&
                         !call.TargetMethod.Name.Contains("Dispose") && !call.TargetMethod.Name.Contains("Close"):
                    // logger.LogWarning("{Status}", response): 'params object[]' formatting arguments are read, not kept.
                    return Use.Borrowed;

                case IInvalidOperation { Parent: IConversionOperation { Type: var converted } } mixed when value is ISwitchExpressionOperation or IConditionalOperation &&
                                                                                                      mixed.Syntax == value.Syntax && ReturnsSameKind(converted, kind, types):
                    // HttpResponseMessage response = verb switch { Get => await client.GetAsync(u), Post => await client.PostAsync(u,
                    // new StringContent(JsonConvert.SerializeObject(x))) }: an arm that does not bind (folder mode without the JSON
                    // package) leaves the switch without a type, but the declaration converts it to a response all the same.
                    value = parent;
                    continue;

                case { } unbound when (unbound is IInvalidOperation || unbound.Kind == OperationKind.None) && value.Type is null or { TypeKind: TypeKind.Error } &&
                                            IsUnboundTaskUnwrap(unbound.Syntax, value.Syntax):
                    // '.ConfigureAwait(false)' or '.Result' on a call that did not bind (UnboundCalls): still the same value.
                    value = parent;
                    continue;

                case { } unbound when (unbound is IInvalidOperation || unbound.Kind == OperationKind.None) && value.Type is null or { TypeKind: TypeKind.Error } &&
                                            value.Syntax.WithEnclosingParentheses() is var enclosed &&
                                            enclosed.Parent is MemberAccessExpressionSyntax access && access.Expression == enclosed:
                    // A local whose type did not bind although its call's candidates agree (UnboundCalls), or an unbound
                    // call's awaited value in parentheses ('(await policy.ExecuteAsync(...)).Content'): '.Dispose()'
                    // disposes it, '.Content' may hand out what holds the connection, any other member only reads it;
                    // a call the name does not decide is bound again on the value's known type.
                    return ClassifyUnboundMember(access, unbound, kind, types, ownership);

                case IInvalidOperation continuation when types.TaskResult(value.Type) is not null && UnboundContinuation(continuation, value) is not null:
                    // task.ContinueWith(t => ...) that does not bind for what its lambda names: the lambda reads the task (AnalyzeTask).
                    return Use.Borrowed;

                case IArgumentOperation argument:
                    return ClassifyArgument(argument, kind, types, ownership, ref value, out local, out forwardedTo);

                case IInvalidOperation { Syntax: ObjectCreationExpressionSyntax { ArgumentList: { } arguments } } wrapper when kind == ResourceKind.ContentStream &&
                                                                                                                     value.Syntax.WithEnclosingParentheses().Parent is ArgumentSyntax wrapped &&
                                                                                                                     wrapped.Parent == arguments:
                    // 'new BinaryReader(stream)' where the stream's type did not bind (its helper's signature names a missing
                    // package), so the constructor did not either: a disposable wrapper takes the stream over as the bound
                    // constructor does (and leaves it undisposed when nobody disposes the wrapper), unless it is told by name
                    // to leave it open. A 'true' written without its name may be either ('new StreamReader(stream, encoding,
                    // true)'): the wrapper's own fate decides, as it does when a disposed wrapper owns the stream.
                    return NamesLeaveOpen(wrapper, arguments) || FrameworkStreamReaders.IsReadingConstructor(wrapper.Type, (ObjectCreationExpressionSyntax)wrapper.Syntax)
                        ? Use.Borrowed
                        : TakenOverBy(wrapper, argument: null, kind, types, ownership);

                case IInvalidOperation { Syntax: InvocationExpressionSyntax call } when kind != ResourceKind.Disposable &&
                                                                                      value.Syntax.Parent is ArgumentSyntax argument && argument.Parent == call.ArgumentList:
                    // FormatAsync(response) where 'response' did not bind (its call had an argument from a missing package).
                    return ClassifyUnboundArgument(parent, call, argument, value.Type, kind, types, ownership);

                case IExpressionStatementOperation:
                    return Use.Discarded;

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    if (IsUsingDeclarator(declarator))
                    {
                        return Use.DisposedByOwner;
                    }

                    local = declarator.Symbol;
                    return Use.KeptInLocal;

                case ISimpleAssignmentOperation assignment when assignment.Value == value:
                    if (assignment.Parent is IUsingOperation owner && owner.Resources == assignment)
                    {
                        // using (response = await client.GetAsync(u)) { ... }
                        return Use.DisposedByOwner;
                    }

                    switch (assignment.Target)
                    {
                        case ILocalReferenceOperation when ReturnedAssignment(assignment) is { } returnedToo:
                            // return response = await base.SendAsync(...): kept in the local and returned as well.
                            return ClassifyReturn(returnedToo, kind, types, out forwardedTo);
                        case ILocalReferenceOperation target when !target.Local.IsRef:
                            local = target.Local;
                            return Use.KeptInLocal;
                        case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }
                            when kind != ResourceKind.Disposable && produced.ReferencedVariable() is null && types.TaskResult(value.Type) is null:
                            // 'response = await client.SendAsync(...)' into a by-value parameter (a retry that replaces the response
                            // it was given): the parameter is this function's variable from here on, followed like a local.
                            local = parameter;
                            return Use.KeptInLocal;
                        case IDiscardOperation:
                            return Use.Discarded;
                        default:
                            return Use.Escapes;
                    }

                case IReturnOperation @return:
                    return ClassifyReturn(@return, kind, types, out forwardedTo);

                case IUsingOperation @using when @using.Resources == value:
                    return Use.DisposedByOwner;

                case IConditionalAccessOperation access when access.Operation == value && types.TaskResult(value.Type) is not null &&
                                                             value is not (ILocalReferenceOperation or IParameterReferenceOperation) &&
                                                             ConditionalResultRead(access) is { } read:
                    // 'action?.Invoke(client)?.Result.StatusCode': the call's task's result, read where the task is not null (a
                    // task kept in a local is followed through its reads, where 'task?.Result?.Content' may keep it).
                    value = read;
                    continue;

                case IConditionalAccessOperation access when access.Operation == value:
                    // response?.Dispose(), and response?.DisposeSafely() of an extension (bound or not) named for disposing it.
                    return access.WhenNotNull.Syntax is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: var called } } &&
                           (called is "Close" || called.Contains("Dispose"))
                        ? Use.Disposed
                        : Use.Borrowed;

                case IPropertyReferenceOperation { Property.Name: "Content" } content when content.Instance == value && kind == ResourceKind.Response &&
                                                                                         DisposesContent(content):
                    // 'using (HttpContent body = response.Content)', 'response.Content.Dispose()': all a response's own Dispose
                    // does is dispose its content, so this disposes the response where it runs.
                    return Use.Disposed;

                case IPropertyReferenceOperation { Property.Name: "Content" } content when content.Instance == value && kind == ResourceKind.Response:
                    // Handing out the content, or a stream read from it, hands out what holds the connection:
                    // whoever disposes that stream releases it, and disposing the response here would break it.
                    return HandsOutContent(content, types, ownership) ? Use.Escapes : Use.Borrowed;

                case IPropertyReferenceOperation property when property.Instance == value:
                case IFieldReferenceOperation field when field.Instance == value:
                case IEventReferenceOperation @event when @event.Instance == value:
                case IInterpolationOperation:
                case IBinaryOperation:
                case IUnaryOperation:
                case IIsTypeOperation:
                case IConditionalOperation:
                    return Use.Borrowed;

                case IIsPatternOperation pattern when kind != ResourceKind.Disposable && types.TaskResult(value.Type) is null && NamesTheWholeValue(pattern.Pattern) is { } named:
                    // 'if (await client.PostAsync(u, c) is not { IsSuccessStatusCode: true } res) return;': the value matched lives
                    // on in the pattern's local, followed like any other ('is var x', 'is HttpResponseMessage x', 'is { } x' too).
                    local = named;
                    return Use.KeptInLocal;

                case IIsPatternOperation pattern:
                    // 'is { Content: var c }' keeps a part of the value under a new name;
                    // 'is null', 'is not null', 'is { StatusCode: HttpStatusCode.OK }' only look at it.
                    return DeclaresAName(pattern.Pattern.Syntax) ? Use.Escapes : Use.Borrowed;

                case ISwitchOperation @switch when @switch.Value == value:
                    // 'switch (response) { case null: ...; case { IsSuccessStatusCode: false }: ...; default: ... }': the cases only
                    // look at it, unless one keeps the value or a part of it under a new name ('case HttpResponseMessage r:').
                    return @switch.Cases.SelectMany(static section => section.Clauses).OfType<IPatternCaseClauseOperation>()
                        .Any(static clause => DeclaresAName(clause.Pattern.Syntax))
                        ? Use.Escapes
                        : Use.Borrowed;

                case ITupleOperation tuple when IsTupleOnlyReadByCall(tuple, types, ownership):
                    // Log(LogLevel.Debug, (Route: route, Response: response), null, format): the tuple is built for a call that only reads it.
                    return Use.Borrowed;

                default:
                    // Tuples, collections, initializers, anything unexpected: the value is kept somewhere else.
                    return Use.Escapes;
            }
        }
    }

    /// <summary>
    /// The local a pattern puts the whole matched value in (<c>var x</c>, <c>HttpResponseMessage x</c>, <c>{ ... } x</c>, also
    /// under <c>not</c>), when it is a plain local of this function; null when the pattern names only a part, or nothing.
    /// </summary>
    private static ILocalSymbol? NamesTheWholeValue(IPatternOperation pattern)
    {
        while (pattern is INegatedPatternOperation negated)
        {
            pattern = negated.Pattern;
        }

        var declared = pattern switch
        {
            IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
            IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
            _ => null,
        };
        return declared is ILocalSymbol { IsRef: false } local ? local : null;
    }

    /// <summary>
    /// <c>task?.Result</c>: the <c>Result</c> read on the conditional access's own value (its innermost instance), so the walk
    /// can go on from the result; null when the conditional access does anything else with the task.
    /// </summary>
    private static IOperation? ConditionalResultRead(IConditionalAccessOperation access)
    {
        foreach (var operation in access.WhenNotNull.DescendantsAndSelf())
        {
            if (operation is IConditionalAccessInstanceOperation instance)
            {
                return instance.Parent is IPropertyReferenceOperation { Property.Name: "Result" } result && result.Instance == instance ? result : null;
            }
        }

        return null;
    }

    /// <summary>
    /// The response's content itself (not a stream read from it) disposed: the resource of a <c>using</c> statement
    /// (<c>using (response.Content)</c>), the value of a local a <c>using</c> statement or declaration declares
    /// (<c>using (HttpContent body = response.Content)</c>, <c>using var body = response.Content;</c>), or
    /// <c>response.Content.Dispose()</c> / <c>response.Content?.Dispose()</c>.
    /// </summary>
    private static bool DisposesContent(IPropertyReferenceOperation content)
    {
        var resource = content.WithEnclosingConversions();
        switch (resource.Parent)
        {
            case IUsingOperation @using:
                return @using.Resources == resource;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Parent: IVariableDeclarationOperation { Parent: IVariableDeclarationGroupOperation group } } }:
                return group.Parent is IUsingOperation { Resources: var resources } && resources == group ||
                       group.Parent is IUsingDeclarationOperation;
            case IInvocationOperation { TargetMethod.Name: "Dispose", Arguments.Length: 0 } dispose:
                return dispose.Instance == resource;
            case IConditionalAccessOperation access:
                return access.Operation == resource &&
                       access.WhenNotNull is IInvocationOperation { TargetMethod.Name: "Dispose", Arguments.Length: 0, Instance: IConditionalAccessInstanceOperation };
            default:
                return false;
        }
    }

    /// <summary>A pattern that names what it matches, or a part of it (<c>var x</c>, <c>HttpResponseMessage x</c>, <c>{ Content: var c }</c>); a discard does not.</summary>
    private static bool DeclaresAName(SyntaxNode pattern) =>
        pattern.DescendantNodesAndSelf().Any(static node => node is SingleVariableDesignationSyntax);

    /// <summary><c>System.Threading.Tasks.Task</c> itself, which carries no result (a <c>ValueTask&lt;T&gt;</c> has no conversion to <c>ValueTask</c>).</summary>
    private static bool IsTaskWithoutResult(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Task", IsGenericType: false, ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    /// <summary>The <c>return</c> whose value is <paramref name="assignment"/> itself (through parentheses and conversions), if any.</summary>
    private static IReturnOperation? ReturnedAssignment(ISimpleAssignmentOperation assignment) =>
        assignment.WithEnclosingConversions().Parent as IReturnOperation;

    /// <summary><c>value.ConfigureAwait(...)</c> or <c>value.Result</c>: the unbound task's value, not a use of it.
    /// The compiler may bind the member access <c>value.ConfigureAwait</c> on its own before the call.</summary>
    private static bool IsUnboundTaskUnwrap(SyntaxNode parent, SyntaxNode value) => parent switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure } => configure.Expression == value || configure == value,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax } configure => configure.Expression == value,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result.Expression == value && result.Parent is not InvocationExpressionSyntax,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" or "GetResult" } unwrap } call =>
            (unwrap.Expression == value || unwrap == value) && IsAwaiterResult(call),
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" or "GetResult", Parent: InvocationExpressionSyntax call } unwrap => unwrap.Expression == value && IsAwaiterResult(call),
        _ => false,
    };

    /// <summary><paramref name="call"/> is one half of <c>task.GetAwaiter().GetResult()</c>.</summary>
    private static bool IsAwaiterResult(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } =>
            call.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Parent: InvocationExpressionSyntax } getResult && getResult.Expression == call,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } } } => true,
        _ => false,
    };

    /// <summary>
    /// The content stream read from a response whose type did not bind is neither returned nor stored (nor handed to an
    /// object that keeps it), as <see cref="HandsOutContent"/> decides for a bound response: the response still holds the
    /// connection and is the member's to dispose (<c>var stream = await response.Content.ReadAsStreamAsync(); var result =
    /// await JsonSerializer.DeserializeAsync&lt;T&gt;(stream);</c> on the response an unbound policy handed back).
    /// </summary>
    private static bool StreamStaysInMember(InvocationExpressionSyntax streamRead, IOperation unbound, WellKnownTypes types, OwnershipSummaries ownership)
    {
        // Through await, .ConfigureAwait(...) and parentheses, which do not bind on an unbound read either.
        var stream = streamRead.AwaitedResult();
        return unbound.SemanticModel is { } model && model.GetOperation(stream) is { } read &&
               !IsReturnedOrStored(read, types, ownership, depth: 0, CancellationToken.None) &&
               !HandedToUnboundCall(stream, model, types, ownership);
    }

    /// <summary>
    /// The stream, or the local it initializes, is an argument of a call that does not bind, decided by its candidates as
    /// <see cref="ClassifyUnboundArgument"/> decides any value handed to one (<c>return Results.File(fileStream, ...)</c>, whose
    /// candidates are framework results that take the stream over; no candidates at all, ASP.NET Core missing, hands it on;
    /// <c>JsonSerializer.DeserializeAsync&lt;T&gt;(stream)</c>, unbound only because the stream's type is not known, reads it),
    /// or of a constructor that does not bind (a wrapper that may keep it): what the call does with it, and with the response
    /// behind it, is not the member's to decide.
    /// </summary>
    private static bool HandedToUnboundCall(ExpressionSyntax value, SemanticModel model, WellKnownTypes types, OwnershipSummaries ownership)
    {
        if (HandedOnByUnboundCall(value, model, types, ownership))
        {
            return true;
        }

        if (value.WithEnclosingParentheses().Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            model.GetDeclaredSymbol(declarator) is not ILocalSymbol local || declarator.EnclosingFunction() is not { } function)
        {
            return false;
        }

        return model.References(local, function, CancellationToken.None).Any(name => HandedOnByUnboundCall(name, model, types, ownership));
    }

    private static bool HandedOnByUnboundCall(ExpressionSyntax value, SemanticModel model, WellKnownTypes types, OwnershipSummaries ownership)
    {
        if (value.WithEnclosingParentheses().Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: var call } } argument)
        {
            return false;
        }

        return call switch
        {
            BaseObjectCreationExpressionSyntax creation => model.GetSymbolInfo(creation).Symbol is null,
            InvocationExpressionSyntax invocation when model.GetSymbolInfo(invocation).Symbol is null =>
                model.GetOperation(invocation) is not { } operation ||
                ClassifyUnboundArgument(operation, invocation, argument, types.Stream, ResourceKind.ContentStream, types, ownership) != Use.Borrowed,
            _ => false,
        };
    }

    /// <summary>
    /// <paramref name="value"/>, through <c>await</c>, <c>.ConfigureAwait(...)</c> and parentheses (<see cref="SyntaxNodeExtensions.AwaitedResult"/>), initializes the local of a
    /// <c>using</c> declaration or statement: <c>await using var stream = await response.Content.ReadAsStreamAsync(ct)
    /// .ConfigureAwait(false);</c>. Read from syntax alone, for calls that do not bind: the stream is disposed where it is
    /// read and handed to no one.
    /// </summary>
    private static bool IsUsingDeclarationValue(ExpressionSyntax value) =>
        value.AwaitedResult().Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } } &&
        declaration.Parent is UsingStatementSyntax or LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword };

    /// <summary>
    /// A member used on a value whose type did not bind, decided by its name: the members of a response and a stream
    /// that read, the ones that dispose; any other call is bound again on the value's known type
    /// (<see cref="ClassifyCallOnKnownType"/>), and whatever is left counts as a hand-off.
    /// </summary>
    private static Use ClassifyUnboundMember(MemberAccessExpressionSyntax access, IOperation unbound, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership)
    {
        var call = access.Parent as InvocationExpressionSyntax;
        var invoked = call is not null && call.Expression == access;
        switch (access.Name.Identifier.ValueText)
        {
            case "Dispose" or "DisposeAsync" or "Close" when invoked:
                return Use.Disposed;
            case "EnsureSuccessStatusCode" when invoked && access.Parent?.Parent is ExpressionStatementSyntax:
            case "ReadByte" or "Read" or "ReadAsync" or "CopyTo" or "CopyToAsync" when invoked:
                return Use.Borrowed;
            case "EnsureSuccessStatusCode" when invoked && kind == ResourceKind.Response && call!.Parent is MemberAccessExpressionSyntax next && next.Expression == call:
                // 'response.EnsureSuccessStatusCode().Content.ReadAsStringAsync()': the check hands back the response itself,
                // and the member read on it decides.
                return ClassifyUnboundMember(next, unbound, kind, types, ownership);
            case "Content":
                // Reading the content as text or bytes, or copying it into a stream (HttpContent.CopyToAsync), borrows it; anything
                // else (a stream, the content itself) may hand it out.
                // ReadFromJsonAsync (System.Net.Http.Json) and ReadAsAsync (WebApi.Client) read the whole body into an object.
                return access.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } read && read.Expression == access &&
                       (ReadsWholeBody(member) || member is "Headers" or "CopyToAsync" or "CopyTo" or "LoadIntoBufferAsync") ||
                       access.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ReadAsStreamAsync" or "ReadAsStream", Parent: InvocationExpressionSyntax streamRead } &&
                       (IsUsingDeclarationValue(streamRead) || StreamStaysInMember(streamRead, unbound, types, ownership)) ||
                       IsReadByStaticFormReader(access)
                    ? Use.Borrowed
                    : Use.Escapes;
            case var _ when invoked:
                return ClassifyCallOnKnownType(call!, access, unbound, kind, types, ownership);
            default:
                return Use.Borrowed;
        }
    }

    /// <summary>
    /// <c>HttpContentExtensions.ReadAsAsync&lt;T&gt;(response.Content)</c>, <c>HttpContentJsonExtensions.ReadFromJsonAsync&lt;T&gt;(response.Content)</c>:
    /// the content readers of WebApi.Client and System.Net.Http.Json called in their static form, with the content as their
    /// first argument (the extension's receiver), read the body and keep nothing, as the extension form does.
    /// </summary>
    private static bool IsReadByStaticFormReader(MemberAccessExpressionSyntax content) =>
        content.WithEnclosingParentheses().Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax reader } } arguments } argument &&
        arguments.Arguments.IndexOf(argument) == 0 &&
        ReadsWholeBody(reader.Name.Identifier.ValueText);

    /// <summary>A content reader that reads the whole body into memory (text, bytes, an object), in either form.</summary>
    private static bool ReadsWholeBody(string name) =>
        name is "ReadAsStringAsync" or "ReadAsByteArrayAsync" or "ReadAsString" or "ReadFromJsonAsync" or "ReadAsAsync";

    /// <summary>
    /// <c>await response.ThrowIfNotSuccessfulAsync(...)</c> on a response whose local did not bind (its call had an argument
    /// from a missing package): the call is bound again, speculatively, with the receiver cast to the type the value is
    /// known to have, and decided as a bound call would be (an extension method's <c>this</c> parameter, a member of the
    /// response). A call that still does not bind, or that may return the value again, hands it on.
    /// </summary>
    private static Use ClassifyCallOnKnownType(InvocationExpressionSyntax call, MemberAccessExpressionSyntax access, IOperation unbound, ResourceKind kind, WellKnownTypes types, OwnershipSummaries ownership)
    {
        var known = kind switch
        {
            ResourceKind.Response => types.HttpResponseMessage,
            ResourceKind.ContentStream => types.Stream,
            _ => null,
        };
        if (known is null || unbound.SemanticModel is not { } model || call.ContainsDiagnostics)
        {
            return Use.Escapes;
        }

        var typedReceiver = SyntaxFactory.ParenthesizedExpression(SyntaxFactory.CastExpression(
            SyntaxFactory.ParseTypeName(known.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)),
            SyntaxFactory.ParenthesizedExpression(access.Expression.WithoutTrivia())));
        var retyped = call.ReplaceNode(access.Expression, typedReceiver);
        if (model.GetSpeculativeSymbolInfo(call.SpanStart, retyped, SpeculativeBindingOption.BindAsExpression).Symbol is not IMethodSymbol method ||
            ReturnsSameKind(method.ReturnType, kind, types))
        {
            return Use.Escapes;
        }

        if (method.ReducedFrom is { Parameters: { Length: > 0 } parameters } extension && parameters[0].RefKind is RefKind.None or RefKind.In)
        {
            // The value is the extension's 'this' argument.
            return ClassifyCallArgument(unbound, extension, parameters[0], known, kind, types, ownership);
        }

        return method.IsStatic || method.MethodKind != MethodKind.Ordinary
            ? Use.Escapes
            : method.Name.Contains("Dispose") || method.Name.Contains("Close") ? Use.Disposed : Use.Borrowed;
    }

    /// <summary>
    /// <paramref name="value"/>'s parent when it still yields the same value once a task of it is awaited or unwrapped: a
    /// conversion, <c>await</c>, <c>.ConfigureAwait(...)</c>, <c>.GetAwaiter()</c> or <c>.GetResult()</c> called on it, a task's
    /// <c>.Result</c>, a user-written <c>ConfigureAwait</c> wrapper (<c>task.ForAwait()</c>); null when the parent does anything else.
    /// </summary>
    internal static IOperation? AwaitedParent(IOperation value) => value.Parent switch
    {
        IConversionOperation conversion when conversion.Operand == value => conversion,
        IAwaitOperation awaited => awaited,
        IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "GetAwaiter" or "GetResult" } awaiting when awaiting.Instance == value => awaiting,
        IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == value => result,
        IArgumentOperation { Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } wrapper } wrapped
            when wrapper.Arguments[0] == wrapped && IsConfigureAwaitWrapper(wrapper.TargetMethod) => wrapper,
        _ => null,
    };

    /// <summary>The outermost operation that still yields <paramref name="value"/>'s awaited result (<see cref="AwaitedParent"/>).</summary>
    internal static IOperation OutermostAwaited(IOperation value)
    {
        while (AwaitedParent(value) is { } parent)
        {
            value = parent;
        }

        return value;
    }

    /// <summary>
    /// A user-written <c>ConfigureAwait(false)</c> wrapper (MyCouch's <c>ForAwait</c>): an extension method that takes only a
    /// <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c> and returns its configured awaitable (<c>ConfiguredTaskAwaitable&lt;T&gt;</c>,
    /// <c>ConfiguredValueTaskAwaitable&lt;T&gt;</c>) of the same <c>T</c>: awaiting it yields the task's result.
    /// </summary>
    internal static bool IsConfigureAwaitWrapper(IMethodSymbol method) =>
        method.Parameters.Length == 1 &&
        method.Parameters[0].Type is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments: { Length: 1 } taskArguments } &&
        method.ReturnType is INamedTypeSymbol { Name: "ConfiguredTaskAwaitable" or "ConfiguredValueTaskAwaitable", TypeArguments: { Length: 1 } awaitedArguments } &&
        SymbolEqualityComparer.Default.Equals(taskArguments[0], awaitedArguments[0]);

    /// <summary>A constructor call that names its <c>leaveOpen</c> argument and does not pass the constant <c>false</c> to it.</summary>
    private static bool NamesLeaveOpen(IOperation creation, ArgumentListSyntax arguments) =>
        arguments.Arguments.Any(argument => argument.NameColon?.Name.Identifier.ValueText == "leaveOpen" &&
                                            creation.SemanticModel?.GetConstantValue(argument.Expression) is not { HasValue: true, Value: false });
}
