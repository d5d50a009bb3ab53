using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// HCG007's question about <c>services.AddSingleton&lt;HttpClient&gt;()</c>: the container builds that client itself,
/// choosing the longest constructor it can fill. <c>HttpClient(HttpMessageHandler)</c> is that constructor only when
/// the compilation registers an <c>HttpMessageHandler</c>; otherwise it is <c>HttpClient()</c>, over the default
/// handler. Read once per compilation, from the files that spell <c>HttpMessageHandler</c>.
/// </summary>
internal sealed class ContainerBuiltClients
{
    private const string HandlerServiceName = "HttpMessageHandler";

    private readonly Compilation _compilation;
    private int _canGiveHandler; // 0 unknown, 1 no, 2 yes

    public ContainerBuiltClients(Compilation compilation) => _compilation = compilation;

    /// <summary>
    /// The written gate: a singleton registration method (<c>AddSingleton</c>, <c>TryAddSingleton</c>, keyed forms)
    /// whose last type argument is written <c>HttpClient</c>.
    /// </summary>
    public static bool MayRegisterClient(GenericNameSyntax name) =>
        name.Identifier.ValueText.IndexOf("Singleton", System.StringComparison.Ordinal) >= 0 &&
        name.TypeArgumentList.Arguments.Count is 1 or 2 &&
        SyntaxGates.RightmostName(name.TypeArgumentList.Arguments[name.TypeArgumentList.Arguments.Count - 1]) == "HttpClient";

    /// <summary>
    /// Some registration in the compilation names <c>HttpMessageHandler</c> (a type argument or <c>typeof</c> of a
    /// call named like the container's <c>Add*</c> methods): the container may then build the client over it.
    /// </summary>
    public bool CanGiveItAHandler(CancellationToken cancellationToken)
    {
        if (_canGiveHandler == 0)
        {
            var found = false;
            foreach (var tree in _compilation.SyntaxTrees)
            {
                foreach (var token in SyntaxTreeIndex.For(tree, cancellationToken).Identifiers(HandlerServiceName, cancellationToken))
                {
                    found |= token.Parent is { } name && IsRegistered(name);
                }
            }

            Interlocked.CompareExchange(ref _canGiveHandler, found ? 2 : 1, 0);
        }

        return _canGiveHandler == 2;
    }

    private static bool IsRegistered(SyntaxNode name)
    {
        for (var node = name.Parent; node is not null and not StatementSyntax and not MemberDeclarationSyntax; node = node.Parent)
        {
            if (node is InvocationExpressionSyntax invocation && invocation.InvokedName() is { } invoked &&
                ServiceRegistrations.KindFromName(invoked) is RegistrationKind.Singleton or RegistrationKind.Scoped or RegistrationKind.Transient)
            {
                return true;
            }
        }

        return false;
    }
}
