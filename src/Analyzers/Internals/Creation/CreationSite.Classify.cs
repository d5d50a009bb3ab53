using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// How often a creation site runs, decided by walking outward from it to the member that contains it:
/// storage that outlives the call, lambdas and who runs them, loops, entry points, constructors and
/// initializers, factories that return the value.
/// </summary>
internal readonly partial struct CreationSite
{
    private static CreationSite OneTime => new(CreationFrequency.OneTime, string.Empty);

    /// <summary>
    /// Walks outward from <paramref name="creation"/> to the member that contains it and decides
    /// whether the creation runs once or per call. Syntax decides almost everything; the semantic
    /// model is asked only about assignment targets and the methods that receive lambdas.
    /// </summary>
    public static CreationSite Classify(ExpressionSyntax creation, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        var site = WalkOut(creation, model, types, cancellationToken);
        BaseMethodDeclarationSyntax? member = site.Frequency switch
        {
            CreationFrequency.PerInstance => site.Constructor,
            CreationFrequency.Returned => site.Factory,
            _ => null,
        };

        // _client = client ?? new HttpClient(): made only for the callers that pass no client.
        return member is null ? site : site.WithFallback(ParameterFallbacks.For(creation, member, model, cancellationToken));
    }

    /// <summary>
    /// How often the code at <paramref name="call"/> runs, rather than how long the value it makes lives: the walk of
    /// <see cref="Classify"/> without asking where the value goes (<c>_data = Load()</c> in a method runs <c>Load</c> on every
    /// call of that method, though a creation stored there would be once per instance). Entry points, application and
    /// options configuration, lifetimes a host starts, constructors and initializers, lambdas, loops and memoizing guards
    /// (<c>if (!s_done) { Load(); s_done = true; }</c>) decide as they do for a creation; a call in an ordinary method is
    /// <see cref="CreationFrequency.PerCall"/> (or
    /// <see cref="CreationFrequency.Returned"/>) with that method as <see cref="Factory"/>.
    /// </summary>
    public static CreationSite ClassifyRun(ExpressionSyntax call, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken) =>
        WalkOut(call, model, types, cancellationToken, followsValue: false);

    private static CreationSite WalkOut(ExpressionSyntax creation, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken, bool followsValue = true)
    {
        var inLoop = false;
        var crossedFunction = false;
        var crossedOnlyStartedLambdas = true; // every function crossed is a lambda the method starts once (Task.Run(() => ...))
        var startedInLoop = false; // a loop outside such a lambda starts it again on each iteration
        string? functionName = null;
        SyntaxNode? outermostFunction = null;
        var crossedCommandBody = false; // a lambda a UI command runs on each execution (IsCommandBody)
        var returned = true; // still on a path that only hands the value to a return
        var returnedThroughLocal = IsReturnedThroughLocal(creation);
        var returnedByFlow = false;
        var onlyTheFunctionsResult = false; // crossed a lambda that does not return the creation: what is stored past it is not the creation

        if (followsValue && creation is InvocationExpressionSyntax call && OutIntoStorage(call, model, types, cancellationToken) is var handedOut && handedOut != Storage.None)
        {
            // Initialize(out _endpoint, out _httpClient): a factory that hands its creation out through an out parameter
            // stores it where the argument lives, a field of this instance or a static.
            return handedOut == Storage.Static ? OneTime : PerInstance(call);
        }

        // Followed through locals and the objects built around it: kept by a field, a static or a
        // collection held by one, or handed to the caller (then the method's callers decide).
        switch (followsValue ? CreationFlow.Follow(creation, model, cancellationToken) : FlowDestination.None)
        {
            case FlowDestination.Static:
            case FlowDestination.PooledByFactory:
                return OneTime;
            case FlowDestination.Instance:
                return PerInstance(creation);
            case FlowDestination.Returned:
                returnedByFlow = true;
                break;
        }

        SyntaxNode child = creation;
        for (var parent = creation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var returnedBefore = returned;
            returned = returned && (HandsValueToReturn(parent, child) ||
                                    returnedThroughLocal && parent is EqualsValueClauseSyntax or VariableDeclaratorSyntax or VariableDeclarationSyntax or LocalDeclarationStatementSyntax);

            switch (parent)
            {
                case AssignmentExpressionSyntax assignment
                    when assignment.Right == child && followsValue && !onlyTheFunctionsResult &&
                         assignment.Parent is not InitializerExpressionSyntax && // { Prop = ... } stores into the new object, not this one
                         (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.CoalesceAssignmentExpression)) &&
                         LongLivedStorage.StorageOf(assignment.Left, model, cancellationToken) is var storage && storage != Storage.None &&
                         !DisposedLaterInTheSameRun(assignment):
                    return storage == Storage.Static ? OneTime : PerInstance(assignment);

                case AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "PrimaryHandler" } primary } handlerBuilder
                    when handlerBuilder.Right == child && IsFactoryHandlerBuilder(primary, model, cancellationToken):
                    // options.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = new HttpClientHandler { ... }):
                    // IHttpClientFactory builds the handler once per name and handler lifetime and pools it.
                    return OneTime;

                case BinaryExpressionSyntax coalesce
                    when coalesce.IsKind(SyntaxKind.CoalesceExpression) && coalesce.Right == child && followsValue && !onlyTheFunctionsResult &&
                         LongLivedStorage.StorageOf(coalesce.Left, model, cancellationToken) is var cached && cached != Storage.None &&
                         IsAssignmentInto(coalesce.Right.Unwrap(), coalesce.Left):
                    // s_client ?? (s_client = new HttpClient())
                    return cached == Storage.Static ? OneTime : PerInstance(coalesce);

                case ArgumentSyntax argument when followsValue && !onlyTheFunctionsResult &&
                                                  LongLivedStorage.CollectionStoreTarget(argument, model, cancellationToken) is var collection && collection != Storage.None:
                    // s_cache.TryAdd(key, new HttpClient()), _cache.Add(key, ...): once per key of the collection's holder.
                    return collection == Storage.Static ? OneTime : PerInstance(argument);

                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax atomic } } argument when
                    followsValue && !onlyTheFunctionsResult &&
                    LongLivedStorage.AtomicInitializationTarget(atomic, argument, model, cancellationToken) is var target && target != Storage.None:
                    // Interlocked.CompareExchange(ref s_client, new HttpClient(), null): once per static, or per instance.
                    return target == Storage.Static ? OneTime : PerInstance(argument);

                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax registration } } when
                    !crossedFunction &&
                    ServiceRegistrations.RunsDelegatesOnce(registration, model, types, cancellationToken):
                    // services.AddSingleton(new HttpClient(...)): one instance for the container.
                    return OneTime;

                case AnonymousFunctionExpressionSyntax lambda when lambda.Body == child || lambda.ExpressionBody == child || lambda.Block == child:
                    if (IsCommandBody(lambda, model, cancellationToken))
                    {
                        // RefreshCommand = new AsyncRelayCommand(async _ => { using var client = new HttpClient(); ... }): the
                        // command runs the lambda each time it executes, whatever the command keeps or returns.
                        crossedCommandBody = true;
                        onlyTheFunctionsResult |= !returnedBefore;
                        crossedOnlyStartedLambdas = false;
                        crossedFunction = true;
                        outermostFunction = lambda;
                        continue;
                    }

                    if (!inLoop && StoredInMember(lambda, model, cancellationToken, out var member))
                    {
                        // Func<HttpClient> HttpClientFactory { get; set; } = () => new HttpClient(): as often as the member is invoked.
                        return new CreationSite(CreationFrequency.Invoked, member?.Name ?? string.Empty, storedIn: member);
                    }

                    if (followsValue && !inLoop && returnedBefore && HandedToUnboundCall(lambda, model, cancellationToken))
                    {
                        // builder.AddProcessor(sp => BuildProcessor(...)) on a type that does not bind: what the lambda returns
                        // goes to code this compilation cannot see, which may keep it for good (a builder's factory). A run
                        // followed for how often it happens (Dispatcher.BeginInvoke(() => UploadData()) with the platform's
                        // types missing) is not kept by anyone: that code may run the lambda on every call, as it may a
                        // method group (ClassifyDelegate with keepsNothing).
                        return OneTime;
                    }

                    if (!inLoop && !crossedFunction && InvokedOnceThroughLocal(lambda, model, cancellationToken) is { } invoked)
                    {
                        // Func<HttpClient> create = () => new HttpClient(...); _client = create();: as a method group held in a
                        // local (ClassifyDelegate), the lambda runs where the local is invoked, and what it returns goes where
                        // that call's result goes.
                        return followsValue && returnedBefore
                            ? Classify(invoked, model, types, cancellationToken)
                            : ClassifyRun(invoked, model, types, cancellationToken).RunOfFactory();
                    }

                    if (!inLoop && !crossedFunction && followsValue && returnedBefore && CallReturningResult(lambda, model, cancellationToken) is { } returning)
                    {
                        // CreateCore(url, u => new NetService(u)) whose method returns what the delegate makes (or an object
                        // built around it): the lambda runs with the call, and what it makes goes where the call's result goes.
                        return Classify(returning, model, types, cancellationToken);
                    }

                    if (!inLoop && !crossedFunction && followsValue && returnedBefore &&
                        QueryKeepingResults(lambda, model, cancellationToken, out var picksOne) is { } query &&
                        Classify(query, model, types, cancellationToken) is var kept &&
                        (picksOne || kept.Frequency is CreationFrequency.OneTime or CreationFrequency.PerInstance))
                    {
                        // Factories.Select(f => f.Create(pcs)).FirstOrDefault(b => b != null): the query yields what the lambda
                        // makes, and that goes where the query's value goes. A list of them (ToList) counts only when kept,
                        // as a loop's creations added to a collection do: returned, it is still one creation per element.
                        return kept;
                    }

                    switch (ClassifyLambda(lambda, model, types, cancellationToken))
                    {
                        case LambdaKind.OneTime:
                            return OneTime;
                        case LambdaKind.CommandHandler:
                            // app.OnExecuteAsync(async ct => { using var client = new HttpClient(); ... }): the command's handler runs
                            // once per run of the program, as an entry point does; its loops and the lambdas inside it do not.
                            return EntryPoint((lambda.Parent?.Parent?.Parent as InvocationExpressionSyntax)?.InvokedName() ?? "handler");
                        case LambdaKind.PerInstance:
                            return PerInstance(lambda);
                        case LambdaKind.RunsWithItsCreator when !inLoop && lambda.Parent?.Parent?.Parent is BaseObjectCreationExpressionSyntax creator:
                            // Lazy<T> factories run at most once per Lazy: the Lazy's own site (and where it flows) decides.
                            return LazySite(creator, model, types, cancellationToken);
                        case LambdaKind.RunsWithItsCreator:
                            continue;
                        default:
                            // this._download = factory.StartNew(async () => { using var client = new HttpClient(); ... }):
                            // the task is stored, the client is made each time the lambda runs.
                            onlyTheFunctionsResult |= !returnedBefore;
                            crossedOnlyStartedLambdas &= IsStartedOnce(lambda, model, cancellationToken);
                            crossedFunction = true;
                            outermostFunction = lambda;
                            continue;
                    }

                case LocalFunctionStatementSyntax localFunction when localFunction.Body == child || localFunction.ExpressionBody == child:
                    if (returned && !inLoop && !crossedFunction && LocalFunctionCalls(localFunction, model, types, cancellationToken, runs: !followsValue) is { } calls)
                    {
                        // Lazy<T> Create() => new Lazy<T>(...), called as '_cache.AddOrUpdate(key, _ => Create(), ...)': its calls decide.
                        return calls;
                    }

                    if (!followsValue && !inLoop && !crossedFunction && LocalFunctionCalls(localFunction, model, types, cancellationToken, runs: true) is { } runs)
                    {
                        // A call in a local function's own body runs as often as the local function: 'return await Run(args);'
                        // in top-level statements, whose 'Run' dispatches the one command asked for, runs it once.
                        return runs;
                    }

                    if (followsValue && !returned && !inLoop && !crossedFunction &&
                        LocalFunctionCalls(localFunction, model, types, cancellationToken, runs: true) is { Frequency: CreationFrequency.OneTime or CreationFrequency.PerInstance } once)
                    {
                        // static void ConfigureServices(...) { var client = new HttpClient(...); services.AddSingleton(client); }
                        // in top-level statements that call it once: a value the local function keeps to itself is made as
                        // often as the local function runs.
                        return once;
                    }

                    if (!crossedFunction)
                    {
                        functionName = localFunction.Identifier.ValueText;
                    }

                    crossedOnlyStartedLambdas = false;
                    crossedFunction = true;
                    outermostFunction = localFunction;
                    continue;

                case QueryBodySyntax:
                    // Every clause after the first 'from' is a lambda.
                    crossedOnlyStartedLambdas = false;
                    crossedFunction = true;
                    continue;

                case ForStatementSyntax forStatement when !crossedFunction &&
                                                          (forStatement.Statement == child || forStatement.Condition == child || (child is ExpressionSyntax incrementor && forStatement.Incrementors.Contains(incrementor))):
                case CommonForEachStatementSyntax forEach when !crossedFunction && forEach.Statement == child:
                case WhileStatementSyntax whileStatement when !crossedFunction && (whileStatement.Statement == child || whileStatement.Condition == child):
                case DoStatementSyntax when !crossedFunction:
                    inLoop = true;
                    continue;

                case ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    startedInLoop = true;
                    continue;

                case GlobalStatementSyntax:
                    // Top-level statements are the entry point.
                    return EntryPoint("<top-level statements>");

                case MethodDeclarationSyntax method:
                    if (IsEntryPoint(method))
                    {
                        return EntryPoint(method.Identifier.ValueText);
                    }

                    if (!crossedFunction && !inLoop && StartsTheApplication(method, model, cancellationToken))
                    {
                        // App.OnFrameworkInitializationCompleted() { desktop.MainWindow = new MainWindow(); }: the UI framework
                        // calls it once, when the application starts.
                        return OneTime;
                    }

                    if (!crossedFunction && !inLoop && OpensTheForm(method, model, cancellationToken))
                    {
                        // this.Shown += new EventHandler(this.Bootstrap_Shown): WinForms raises a form's Load and Shown once, the
                        // first time the form is shown; what the handler makes is made once per form.
                        return PerInstance(method);
                    }

                    if (!crossedFunction && !inLoop && CommandLineHandlers.IsCommandMethod(method, model, cancellationToken))
                    {
                        // Spectre.Console.Cli's Command<T>.ExecuteAsync, a System.CommandLine ICommandHandler: the program runs one command once.
                        return OneTime;
                    }

                    if (!crossedFunction && ConfiguresTheApplication(method))
                    {
                        // services.AddApiClient(...) => services.AddSingleton(new ApiClient(...)): runs while the application
                        // is configured, once per container; its lambdas (middleware, factories) are decided on their own.
                        return OneTime;
                    }

                    if (!crossedFunction && BuildsOptions(method, model, cancellationToken))
                    {
                        // IPostConfigureOptions<T>.PostConfigure(name, options) { options.Backchannel ??= new HttpClient(...); }:
                        // runs when the options of a name are built, which the options cache keeps.
                        return OneTime;
                    }

                    if (!crossedFunction && !inLoop && InitializesForItsHost(method, model, cancellationToken))
                    {
                        // IDnsApplication.InitializeAsync(server, config) of a plugin: its host runs it when it loads the object (or
                        // its configuration), as a constructor: once per instance, whose creations decide. A Loupedeck plugin's
                        // 'public override void Load()' that no call of the compilation runs is run by the host only on the
                        // instances it loads, never on one the code makes for a helper ('var _this = new PiholePlugin();
                        // _this.GetPluginDataDirectory()'), so those instances make nothing here: once.
                        return TheCodeRunsTheHook(method, model, cancellationToken) ? PerInstance(method) : OneTime;
                    }

                    if (!crossedFunction && !inLoop && (StartsALifetime(method, model, cancellationToken) || ModLoaderHooks.RunsOncePerLoad(method, model, cancellationToken)))
                    {
                        // A lifetime's start, a mod loader's plugin start-up hook (MelonPlugin.OnApplicationEarlyStart): once per
                        // instance, as a constructor.
                        return PerInstance(method);
                    }

                    if ((!crossedFunction || crossedOnlyStartedLambdas && !startedInLoop) && !inLoop && method.Body is { } body &&
                        MemoizedPerKey(creation, body, model, cancellationToken) is var memoized && memoized != Storage.None)
                    {
                        // if (s_hosts.TryGetValue(port, out var host)) return host; ... new HttpClient() ... s_hosts.TryAdd(port, host);
                        // Also inside a lambda the guarded code starts once: if (IsUsed) throw ...; IsUsed = true; Task.Run(() => ...).
                        return memoized == Storage.Static ? OneTime : PerInstance(method);
                    }

                    if (!crossedFunction && !inLoop && method.Body is { } fileBody && FillsAMissingFile(creation, fileBody, model, cancellationToken))
                    {
                        // if (File.Exists(path)) return; using var client = new HttpClient(); ... File.Create(path) ...: a cache on
                        // disk, filled once per path.
                        return OneTime;
                    }

                    if (followsValue && !returned && !crossedFunction && !inLoop && method.Body is { } loopBody &&
                        WorkerLoops.KeepAlive(creation, loopBody, model, cancellationToken))
                    {
                        // using var http = new HttpClient(); while (true) { await Task.Delay(30000); await http.GetStringAsync(url); }:
                        // the method never returns to run again, so its client lives as long as its loop.
                        return OneTime;
                    }

                    if ((returned || returnedByFlow) && !crossedFunction && !inLoop && method.Body is { } poolBody &&
                        PooledOnMiss(creation, poolBody, model, cancellationToken) is var pooled && pooled != Storage.None)
                    {
                        // if (s_clients.TryDequeue(out var client)) return client; return new HttpClient(); beside a caller's
                        // s_clients.Enqueue(client): a pool makes as many clients as are in use at once.
                        return pooled == Storage.Static ? OneTime : PerInstance(method);
                    }

                    if (returned && !inLoop && !crossedFunction && ModLoaderHooks.MakesAProviderPerRequest(method, model, cancellationToken))
                    {
                        // public override OnDemandMetadataProvider GetMetadataProvider(...) => new Provider(options, this);: Playnite
                        // asks for a provider per metadata request and drops it after.
                        return new CreationSite(CreationFrequency.PerCall, method.Identifier.ValueText, factory: method);
                    }

                    // 'void Start() => _check(urls);' returns nothing: the call runs each time the method does.
                    return (returned || returnedByFlow) && !inLoop && !crossedFunction && method.ReturnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                        ? new CreationSite(CreationFrequency.Returned, method.Identifier.ValueText, factory: method, returnedInside: !returned)
                        : !inLoop && !crossedFunction
                            ? new CreationSite(CreationFrequency.PerCall, method.Identifier.ValueText, factory: method)
                            : Member(method.Identifier.ValueText);

                case ConstructorDeclarationSyntax constructor:
                    // Static constructors run once; instance constructors run once per instance,
                    // and whether the instance is per call is the owner-lifetime analysis's question.
                    return InitializerOrConstructor(constructor.Identifier.ValueText, IsStatic(constructor.Modifiers), constructor);

                case PrimaryConstructorBaseTypeSyntax primary:
                    return InitializerOrConstructor("constructor", isStatic: false, primary);

                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax field } declarator }:
                    return InitializerOrConstructor(declarator.Identifier.ValueText, IsStatic(field.Modifiers) || field.Modifiers.Any(SyntaxKind.ConstKeyword), field);

                case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                    // Field and property initializers: static ones run once, instance ones with the constructor.
                    return InitializerOrConstructor(property.Identifier.ValueText, IsStatic(property.Modifiers), property);

                case ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                    return Member(property.Identifier.ValueText);

                case ArrowExpressionClauseSyntax { Parent: IndexerDeclarationSyntax }:
                    return Member("this[]");

                case AccessorDeclarationSyntax { Body: { } accessorBody } accessor
                    when (!crossedFunction || crossedOnlyStartedLambdas && !startedInLoop) && !inLoop &&
                         MemoizedPerKey(creation, accessorBody, model, cancellationToken) is var memoizedInAccessor && memoizedInAccessor != Storage.None:
                    // get { if (_validState == -1) { ... new HttpClient() ...; _validState = ok ? 1 : 0; } return _validState == 1; }:
                    // a getter memoizes as a method does.
                    return memoizedInAccessor == Storage.Static ? OneTime : PerInstance(accessor);

                case AccessorDeclarationSyntax accessor:
                    return Member(AccessorOwnerName(accessor));

                case OperatorDeclarationSyntax op:
                    return ReturnedByOperator("operator " + op.OperatorToken.ValueText) ?? Member("operator " + op.OperatorToken.ValueText);

                case ConversionOperatorDeclarationSyntax conversion:
                    // public static implicit operator Task<WeaviateClient>(WeaviateClientBuilder b) => b.BuildAsync();: what an
                    // operator returns is its users' to keep, as with a public factory no code here calls (operators are public,
                    // and a conversion is no call the compilation shows).
                    return ReturnedByOperator("operator " + conversion.Type) ?? Member("operator " + conversion.Type);

                case DestructorDeclarationSyntax destructor:
                    return Member("~" + destructor.Identifier.ValueText);

                case BaseTypeDeclarationSyntax:
                case CompilationUnitSyntax:
                case AttributeSyntax:
                case ParameterSyntax:
                    return OneTime;
            }
        }

        return OneTime;

        CreationSite? ReturnedByOperator(string name) =>
            (returned || returnedByFlow) && !inLoop && !crossedFunction ? new CreationSite(CreationFrequency.Returned, name) : null;

        CreationSite Member(string name)
        {
            if (inLoop)
            {
                return new CreationSite(CreationFrequency.InLoop, functionName ?? name);
            }

            return new CreationSite(CreationFrequency.PerCall, functionName ?? name, inLambda: crossedFunction && functionName is null);
        }

        CreationSite InitializerOrConstructor(string name, bool isStatic, SyntaxNode member)
        {
            // What runs during initialization runs once, lambdas handed to calls made there included
            // (they are invoked while initializing, or belong to Lazy, caches and registrations).
            // A lambda stored for later (a Func field, an event subscription, a periodic timer's callback) runs on every invocation.
            if (crossedCommandBody || outermostFunction is not null && (IsStoredForLater(outermostFunction) || IsPeriodicTimerCallback(outermostFunction, model, cancellationToken)))
            {
                return Member(name);
            }

            // foreach (var mod in Mods) { _ = mod.RefreshIconAsync(); } in a constructor: the call runs on every iteration.
            // (A creation there is still once per instance: where its value goes decides, as it is kept or dropped.)
            if (inLoop && !followsValue)
            {
                return Member(name);
            }

            return isStatic ? OneTime : PerInstance(member);
        }

        CreationSite EntryPoint(string name)
        {
            // The entry point runs once; its loops and the lambdas and local functions it declares do not, unless the loop
            // keeps one owner per element in a collection of the entry point.
            if (!inLoop && !crossedFunction || inLoop && !crossedFunction && followsValue && KeptByAnEntryPointCollection(creation, model, cancellationToken))
            {
                return OneTime;
            }

            return Member(name);
        }
    }

    /// <summary>
    /// The storage an <c>out</c> argument of a client or handler type lives in (<c>out _httpClient</c>, <c>out s_handler</c>, or an
    /// <c>out var client</c> the member then stores there): what the called factory hands out there is kept as long as that
    /// storage. None when no such argument is one.
    /// </summary>
    private static Storage OutIntoStorage(InvocationExpressionSyntax call, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (!argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) ||
                model.GetTypeInfo(argument.Expression, cancellationToken).Type is not { } type || !(types.IsMessageInvoker(type) || types.IsHandler(type)))
            {
                continue;
            }

            var storage = argument.Expression is DeclarationExpressionSyntax declaration
                ? CreationFlow.FollowOutVariable(declaration, model, cancellationToken) switch
                {
                    // if (!TryCreateHttpClient(out var client)) return false; Client = client;
                    FlowDestination.Static => Storage.Static,
                    FlowDestination.Instance => Storage.Instance,
                    _ => Storage.None,
                }
                : LongLivedStorage.StorageOf(argument.Expression, model, cancellationToken);
            if (storage != Storage.None)
            {
                return storage;
            }
        }

        return Storage.None;
    }

    /// <summary>
    /// One step of "the created value is what the method returns": parentheses, casts, a branch
    /// of a conditional, <c>return</c>, an expression body, and the method's own block. Anything
    /// else (a call, a local, an initializer) means callers do not simply receive the creation.
    /// </summary>
    private static bool HandsValueToReturn(SyntaxNode parent, SyntaxNode child) => parent switch
    {
        ParenthesizedExpressionSyntax or CastExpressionSyntax or ReturnStatementSyntax => true,
        ConditionalExpressionSyntax conditional => conditional.Condition != child,
        SwitchExpressionArmSyntax arm => arm.Expression == child,
        SwitchExpressionSyntax => child is SwitchExpressionArmSyntax,
        ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax or LocalFunctionStatementSyntax or OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax } => true,
        BlockSyntax or IfStatementSyntax or ElseClauseSyntax => child is StatementSyntax or ElseClauseSyntax,
        MethodDeclarationSyntax or LocalFunctionStatementSyntax or OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax => true,
        _ => false,
    };

    [ThreadStatic]
    private static int t_localFunctionDepth;

    /// <summary>
    /// A local function that returns the creation (or, with <paramref name="runs"/>, makes the call asked about in its own
    /// body) runs as often as its calls in the member around it: the most
    /// frequent of them decides (per call, then returned by the member, then per instance, then once); a method group
    /// of it handed on counts as the delegate it becomes (stored in a member: as often as that member is invoked). Null
    /// when it is never referenced, or when local functions nest deeper than a reviewer would follow; the caller then
    /// keeps the per-call verdict.
    /// </summary>
    private static CreationSite? LocalFunctionCalls(LocalFunctionStatementSyntax localFunction, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken, bool runs = false)
    {
        if (t_localFunctionDepth >= 3 || localFunction.EnclosingMember() is not { } scope ||
            model.GetDeclaredSymbol(localFunction, cancellationToken) is not IMethodSymbol function)
        {
            return null;
        }

        CreationSite? decided = null;
        t_localFunctionDepth++;
        try
        {
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax name || name.Identifier.ValueText != function.Name || localFunction.Span.Contains(name.Span) ||
                    name.IsNameOfArgument() ||
                    model.GetSymbolInfo(name, cancellationToken) is var info &&
                    !SymbolEqualityComparer.Default.Equals(info.Symbol ?? info.CandidateSymbols.FirstOrDefault(), function))
                {
                    continue;
                }

                // A call runs it there; a method group handed on ('settings.CreateHandler = CreateDefaultHandler;') runs it
                // wherever the delegate runs.
                var site = name.Parent is InvocationExpressionSyntax call && call.Expression == name
                    ? runs ? ClassifyRun(call, model, types, cancellationToken) : Classify(call, model, types, cancellationToken)
                    : ClassifyDelegate(name, function.Name, model, types, cancellationToken);
                if (decided is not { } best || Rank(site) > Rank(best))
                {
                    decided = site;
                }
            }
        }
        finally
        {
            t_localFunctionDepth--;
        }

        return decided;

        static int Rank(CreationSite site) => site.Frequency switch
        {
            CreationFrequency.PerCall or CreationFrequency.InLoop => 3,
            CreationFrequency.Returned => 2,
            CreationFrequency.PerInstance => 1,
            _ => 0,
        };
    }

    /// <summary>
    /// <c>var client = new HttpClient(); client.DefaultRequestHeaders.Add(...); return client;</c>:
    /// the local (not a using declaration) is what the method (or local function) returns.
    /// </summary>
    private static bool IsReturnedThroughLocal(ExpressionSyntax creation)
    {
        if (creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.None } ||
            declarator.FirstAncestorOrSelf<SyntaxNode>(static node => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax) switch
            {
                MethodDeclarationSyntax method => method.Body,
                LocalFunctionStatementSyntax localFunction => localFunction.Body,
                _ => null,
            } is not { } body)
        {
            return false;
        }

        var name = declarator.Identifier.ValueText;
        foreach (var node in body.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
        {
            if (node is ReturnStatementSyntax { Expression: IdentifierNameSyntax returnedName } && returnedName.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A delegate handed to a method of this compilation, decided by what the method does with it
    /// (<see cref="MethodSummaries"/>): kept in a cache of the method's type (once per key), or invoked at
    /// most once per call (as often as the call itself).
    /// </summary>
    private static LambdaKind? UserMethodKind(InvocationExpressionSyntax invocation, ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method || method.DeclaringSyntaxReferences.Length == 0 ||
            argument.ParameterIn(method) is not { } parameter)
        {
            return null;
        }

        switch (MethodSummaries.StoresDelegateResult(method, parameter, model.Compilation, cancellationToken))
        {
            case Storage.Static:
                return LambdaKind.OneTime;
            case Storage.Instance:
                // Per instance of the cache's owner: this one when the call is on this, else an object whose lifetime is not followed here.
                return invocation.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } ? LambdaKind.PerInstance : LambdaKind.OneTime;
        }

        return MethodSummaries.InvokesAtMostOnce(method, parameter, cancellationToken) ? LambdaKind.RunsWithItsCreator : null;
    }

    /// <summary>
    /// The call of a method of this compilation <paramref name="lambda"/> is handed to, when that method invokes it once and
    /// returns what it returns (<see cref="MethodSummaries.ReturnsDelegateResult"/>); null otherwise.
    /// </summary>
    private static InvocationExpressionSyntax? CallReturningResult(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, CancellationToken cancellationToken) =>
        lambda.ParentSkippingParenthesesAndCasts() is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } argument &&
        model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method && method.DeclaringSyntaxReferences.Length > 0 &&
        argument.ParameterIn(method) is { } parameter && MethodSummaries.ReturnsDelegateResult(method, parameter, cancellationToken)
            ? call
            : null;

    /// <summary>
    /// A lambda or method group handed to a call that does not bind at all (no symbol, no candidates): a package folder
    /// mode lacks, or half-typed code. What runs it, and what keeps what it returns, is not in this compilation.
    /// </summary>
    private static bool HandedToUnboundCall(ExpressionSyntax function, SemanticModel model, CancellationToken cancellationToken) =>
        function.ParentSkippingParenthesesAndCasts() is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } &&
        model.GetSymbolInfo(call, cancellationToken) is { Symbol: null, CandidateSymbols.IsEmpty: true };

    /// <summary>
    /// <c>options.HttpMessageHandlerBuilderActions.Add(b =&gt; ...)</c> / <c>options.HttpClientActions.Add(c =&gt; ...)</c> on
    /// IHttpClientFactory's <c>HttpClientFactoryOptions</c>: the factory runs these once per handler it builds (per handler
    /// lifetime), as it runs a <c>ConfigurePrimaryHttpMessageHandler</c> delegate. When the options type does not bind
    /// (folder mode without Microsoft.Extensions.Http), the property's name is taken for it: a guess that only keeps quiet.
    /// </summary>
    private static bool IsHandlerBuilderAction(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax
            {
                Name.Identifier.ValueText: "Add",
                Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "HttpMessageHandlerBuilderActions" or "HttpClientActions" } actions,
            })
        {
            return false;
        }

        return model.GetSymbolInfo(actions, cancellationToken).Symbol is not IPropertySymbol property ||
               property.ContainingType is { Name: "HttpClientFactoryOptions" } options && options.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Http";
    }

    /// <summary>
    /// <c>builder.PrimaryHandler</c> of IHttpClientFactory's <c>HttpMessageHandlerBuilder</c>; when the builder does not bind
    /// (folder mode without Microsoft.Extensions.Http), a lambda parameter assigned a <c>PrimaryHandler</c> is taken to be one.
    /// </summary>
    internal static bool IsFactoryHandlerBuilder(MemberAccessExpressionSyntax primaryHandler, SemanticModel model, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(primaryHandler, cancellationToken);
        if (info.Symbol is IPropertySymbol property)
        {
            for (var type = property.ContainingType; type is not null; type = type.BaseType)
            {
                if (type.Name == "HttpMessageHandlerBuilder" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Http")
                {
                    return true;
                }
            }

            return false;
        }

        return info.CandidateSymbols.IsEmpty && primaryHandler.Expression is IdentifierNameSyntax receiver &&
               model.GetSymbolInfo(receiver, cancellationToken).Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } };
    }

    private static bool IsStoredForLater(SyntaxNode function)
    {
        return function.ParentSkippingParenthesesAndCasts() is EqualsValueClauseSyntax or AssignmentExpressionSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax;
    }

    /// <summary>
    /// A lambda handed to a UI command that keeps it and runs it each time the command executes: the constructor of a type
    /// named <c>...Command</c> from another assembly that implements <c>System.Windows.Input.ICommand</c> (CommunityToolkit.Mvvm's
    /// <c>RelayCommand</c> / <c>AsyncRelayCommand</c>, Prism's <c>DelegateCommand</c>, MAUI's <c>Command</c>), or, where the type
    /// does not bind (folder mode without the package), one whose written name ends in <c>Command</c>; and ReactiveUI's
    /// <c>ReactiveCommand.Create...(...)</c>. A command type of this compilation is followed through the delegate it stores, as
    /// any such type.
    /// </summary>
    private static bool IsCommandBody(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        if (function.ParentSkippingParenthesesAndCasts() is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: var receiver } })
        {
            return false;
        }

        switch (receiver)
        {
            case BaseObjectCreationExpressionSyntax creation:
                // Command types are named so (RelayCommand, DelegateCommand, Command): read before anything is bound.
                var written = SyntaxGates.WrittenTypeName(creation);
                if (written is not null && !written.EndsWith("Command", StringComparison.Ordinal))
                {
                    return false;
                }

                if (SyntaxGates.CreatedType(creation, model, cancellationToken) is { TypeKind: not TypeKind.Error } created)
                {
                    return !SymbolEqualityComparer.Default.Equals(created.ContainingAssembly, model.Compilation.Assembly) &&
                           created.AllInterfaces.Any(static implemented => implemented is
                           {
                               Name: "ICommand",
                               ContainingNamespace: { Name: "Input", ContainingNamespace: { Name: "Windows", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } },
                           });
                }

                return written is not null;

            case InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "ReactiveCommand" }, Name.Identifier.ValueText: var factory },
            }:
                return factory.StartsWith("Create", StringComparison.Ordinal);

            default:
                return false;
        }
    }

    private static string AccessorOwnerName(AccessorDeclarationSyntax accessor) => accessor.Parent?.Parent switch
    {
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        EventDeclarationSyntax @event => @event.Identifier.ValueText,
        IndexerDeclarationSyntax => "this[]",
        _ => accessor.Keyword.ValueText,
    };

    /// <summary>
    /// A syntactic test for a program entry point: <c>static</c> <c>Main</c> returning void, int, Task or Task&lt;int&gt;,
    /// with no parameters or one string array, or with typed options (<c>Main(LaunchGame game = LaunchGame.Auto, string
    /// patchline = "live")</c>: System.CommandLine.DragonFruit generates the real entry point that parses the command line
    /// into them and calls this once).
    /// </summary>
    internal static bool IsEntryPoint(MethodDeclarationSyntax method)
    {
        if (method.Identifier.ValueText != "Main" || method.TypeParameterList is not null)
        {
            return false;
        }

        var isStatic = false;
        foreach (var modifier in method.Modifiers)
        {
            isStatic |= modifier.IsKind(SyntaxKind.StaticKeyword);
        }

        if (!isStatic)
        {
            return false;
        }

        var returnType = method.ReturnType.ToString();
        return returnType is "void" or "int" or "Task" or "Task<int>" or "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<int>";
    }

    /// <summary>The builder types an application is configured through; a method whose first parameter is one runs at startup.</summary>
    private static readonly string[] s_applicationBuilders =
    {
        "IServiceCollection", "IHttpClientBuilder", "IHostBuilder", "IHostApplicationBuilder", "HostApplicationBuilder",
        "WebApplicationBuilder", "IWebHostBuilder", "IApplicationBuilder", "IFunctionsHostBuilder", "MauiAppBuilder",
        "ILoggingBuilder", "IEndpointRouteBuilder", "IMvcBuilder", "IHealthChecksBuilder", "TracerProviderBuilder",
        "MeterProviderBuilder", "LoggerProviderBuilder", "LoggerConfiguration", "LoggerSinkConfiguration", "LoggerAuditSinkConfiguration",
        "ContainerBuilder", "IKernelBuilder",
    };

    /// <summary>
    /// <c>public static IServiceCollection AddApiClient(this IServiceCollection services, ...)</c>,
    /// <c>void ConfigureServices(IServiceCollection services)</c>: a method given the application's service collection
    /// or one of its builders as its first parameter configures the application (Serilog's logger configuration objects
    /// included: <c>Seq(this LoggerSinkConfiguration sinks, ...)</c>; Autofac's <c>Load(ContainerBuilder builder)</c> of a module;
    /// Semantic Kernel's <c>AddLocalChat(this IKernelBuilder builder)</c>, whose kernel is built once). Not any type named <c>...Configuration</c>: a
    /// library's own configuration object is used per call (<c>GetHttpClientForWebAPI(this SteamConfiguration config)</c>). Read from the written type name, so
    /// that folder mode without the hosting packages decides the same way (a guess that only keeps a creation quiet).
    /// </summary>
    private static bool ConfiguresTheApplication(MethodDeclarationSyntax method) =>
        method.ParameterList.Parameters.Count > 0 &&
        SyntaxGates.RightmostName(method.ParameterList.Parameters[0].Type) is { } written &&
        System.Array.IndexOf(s_applicationBuilders, written) >= 0;

    private static readonly string[] s_optionsBuilders =
    {
        "IConfigureOptions", "IConfigureNamedOptions", "IPostConfigureOptions", "ConfigureOptions", "ConfigureNamedOptions", "PostConfigureOptions",
    };

    /// <summary>
    /// <c>Configure</c> / <c>PostConfigure</c> of a type implementing Microsoft.Extensions.Options' <c>IConfigureOptions&lt;T&gt;</c>,
    /// <c>IConfigureNamedOptions&lt;T&gt;</c> or <c>IPostConfigureOptions&lt;T&gt;</c> (or deriving from their base classes): the
    /// options factory runs it when it builds the options of a name, and <c>IOptions</c> / <c>IOptionsMonitor</c> keep them
    /// (an authentication scheme's backchannel client, a named client's handler builder actions). Read from the type's
    /// interfaces, and from the written base list where they do not bind (a guess that only keeps a creation quiet).
    /// </summary>
    private static bool BuildsOptions(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.Identifier.ValueText is not ("Configure" or "PostConfigure") || IsStatic(method.Modifiers) ||
            method.Parent is not TypeDeclarationSyntax type)
        {
            return false;
        }

        if (model.GetDeclaredSymbol(type, cancellationToken) is { } declared)
        {
            foreach (var implemented in declared.AllInterfaces)
            {
                if (System.Array.IndexOf(s_optionsBuilders, implemented.Name) >= 0 &&
                    implemented.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Options")
                {
                    return true;
                }
            }
        }

        foreach (var reference in type.BaseList?.Types ?? default)
        {
            if (SyntaxGates.RightmostName(reference.Type) is { } written && System.Array.IndexOf(s_optionsBuilders, written) >= 0 &&
                model.GetTypeInfo(reference.Type, cancellationToken).Type is null or { TypeKind: TypeKind.Error })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An instance method named <c>Initialize</c>, <c>InitializeAsync</c>, <c>Init</c> or <c>Load</c> that overrides or implements a
    /// member of another assembly (a plugin's <c>IDnsApplication.InitializeAsync</c>, <c>IHttpModule.Init</c>, a BepInEx
    /// <c>BasePlugin.Load</c>, only as an <c>override</c>: a view model's own <c>Load()</c> loads data per navigation), or, where
    /// the type's base list does not bind, any public one: the host calls it when it loads the object, as it calls a constructor.
    /// So too a launcher plugin's reload and settings hooks, <c>ReloadData</c> and <c>UpdateSettings</c> (PowerToys Run's and
    /// Flow Launcher's <c>IReloadable</c> and <c>ISettingProvider</c>): the host calls them when the user reloads the plugin or
    /// changes its settings, not per query, and what they rebuild is kept for the queries after.
    /// A method of that name the compilation's own types declare is called by the compilation, and stays per call.
    /// </summary>
    private static bool InitializesForItsHost(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.Identifier.ValueText is not ("Initialize" or "InitializeAsync" or "Init" or "Load" or "ReloadData" or "UpdateSettings") || IsStatic(method.Modifiers) ||
            method.Identifier.ValueText == "Load" && !method.Modifiers.Any(SyntaxKind.OverrideKeyword) ||
            method.Parent is not TypeDeclarationSyntax type ||
            model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol declared)
        {
            return false;
        }

        var compilation = model.Compilation.Assembly;
        if (declared.OverriddenMethod is { } overridden && !SymbolEqualityComparer.Default.Equals(overridden.ContainingAssembly, compilation))
        {
            return true;
        }

        foreach (var implemented in declared.ExplicitInterfaceImplementations)
        {
            if (!SymbolEqualityComparer.Default.Equals(implemented.ContainingAssembly, compilation))
            {
                return true;
            }
        }

        foreach (var @interface in declared.ContainingType.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(@interface.ContainingAssembly, compilation))
            {
                continue;
            }

            foreach (var member in @interface.GetMembers(declared.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(declared.ContainingType.FindImplementationForInterfaceMember(member), declared))
                {
                    return true;
                }
            }
        }

        return method.Modifiers.Any(SyntaxKind.PublicKeyword) && type.BaseList is { } bases &&
               bases.Types.Any(reference => model.GetTypeInfo(reference.Type, cancellationToken).Type is null or { TypeKind: TypeKind.Error });
    }

    /// <summary>
    /// A call of the compilation may run the host hook <paramref name="method"/> (<see cref="InitializesForItsHost"/>): a call or
    /// method group bound (or a candidate) to it, to a member it overrides or implements (dispatched to it), or to an override
    /// of it; <c>base.Load()</c> in an override of the same hook runs when the host calls that override, and does not count.
    /// Calls that do not bind to any candidate (another library's <c>document.Load(...)</c> in folder mode) do not count.
    /// </summary>
    private static bool TheCodeRunsTheHook(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol declared)
        {
            return true;
        }

        var compilation = model.Compilation;
        foreach (var name in SyntaxTreeIndex.SimpleNames(compilation, declared.Name, cancellationToken))
        {
            if (name.Parent is MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax } baseCall && baseCall.Name == name &&
                name.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } caller && caller.Identifier.ValueText == declared.Name &&
                caller.Modifiers.Any(SyntaxKind.OverrideKeyword))
            {
                continue;
            }

            var info = compilation.ModelFor(name.SyntaxTree).GetSymbolInfo(name, cancellationToken);
            foreach (var candidate in info.Symbol is { } bound ? ImmutableArray.Create(bound) : info.CandidateSymbols)
            {
                if (candidate is IMethodSymbol called && MayDispatchTo(called.OriginalDefinition, declared))
                {
                    return true;
                }
            }
        }

        return false;

        static bool MayDispatchTo(IMethodSymbol called, IMethodSymbol hook)
        {
            for (var overridden = hook; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(called, overridden.OriginalDefinition))
                {
                    return true;
                }
            }

            for (var overriding = called.OverriddenMethod; overriding is not null; overriding = overriding.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overriding.OriginalDefinition, hook))
                {
                    return true;
                }
            }

            return called.ContainingType.TypeKind == TypeKind.Interface &&
                   SymbolEqualityComparer.Default.Equals(hook.ContainingType.FindImplementationForInterfaceMember(called)?.OriginalDefinition, hook);
        }
    }

    /// <summary>
    /// The override of a desktop UI framework's start-up hook on its application type, which the framework calls once per
    /// process: Avalonia's <c>Application.OnFrameworkInitializationCompleted</c>, WPF's <c>System.Windows.Application.OnStartup</c>.
    /// Where the application type's base does not bind (folder mode without the UI package), an override of that name in a
    /// type whose written base is <c>Application</c>. A WPF application's <c>Startup</c> event handler (an instance method of it
    /// taking <c>(object, System.Windows.StartupEventArgs)</c>, wired in App.xaml, which the compilation does not see) runs once
    /// too; where the base does not bind, by the written names <c>Application</c> and <c>StartupEventArgs</c>.
    /// </summary>
    internal static bool StartsTheApplication(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.ParameterList.Parameters is { Count: 2 } parameters && parameters[1].Type is { } argsType &&
            SyntaxGates.RightmostName(argsType) == "StartupEventArgs" && !IsStatic(method.Modifiers) &&
            method.Parent is ClassDeclarationSyntax application && model.GetDeclaredSymbol(application, cancellationToken) is { } applicationType)
        {
            return model.GetTypeInfo(argsType, cancellationToken).Type is { TypeKind: not TypeKind.Error } startupArgs
                ? startupArgs.ContainingNamespace is { Name: "Windows", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } &&
                  IsWpfApplication(applicationType)
                : applicationType.BaseType is null or { TypeKind: TypeKind.Error } &&
                  application.BaseList?.Types.FirstOrDefault()?.Type is { } writtenBase && SyntaxGates.RightmostName(writtenBase) == "Application";
        }

        if (method.Identifier.ValueText is not ("OnFrameworkInitializationCompleted" or "OnStartup") ||
            !method.Modifiers.Any(SyntaxKind.OverrideKeyword) || IsStatic(method.Modifiers) ||
            method.Parent is not ClassDeclarationSyntax type ||
            model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol declared)
        {
            return false;
        }

        for (var overridden = declared.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (overridden.ContainingType is { Name: "Application", ContainingNamespace: var ns } &&
                (method.Identifier.ValueText == "OnFrameworkInitializationCompleted"
                    ? ns is { Name: "Avalonia", ContainingNamespace.IsGlobalNamespace: true }
                    : ns is { Name: "Windows", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }))
            {
                return true;
            }
        }

        return declared.OverriddenMethod is null && type.BaseList?.Types.FirstOrDefault()?.Type is { } written &&
               SyntaxGates.RightmostName(written) == "Application" &&
               model.GetTypeInfo(written, cancellationToken).Type is null or { TypeKind: TypeKind.Error };
    }

    /// <summary>
    /// A handler of a WinForms form's own <c>Load</c> or <c>Shown</c> event (an instance method of the form subscribed in it,
    /// usually in its designer file: <c>this.Shown += new System.EventHandler(this.Bootstrap_Shown);</c>), or its <c>OnLoad</c> /
    /// <c>OnShown</c> override: the form raises each once, the first time it is shown. So does a WPF window its
    /// <c>ContentRendered</c>, <c>SourceInitialized</c> and <c>Loaded</c> (a window is not moved between visual trees, as a page or
    /// control is), or its <c>OnContentRendered</c> / <c>OnSourceInitialized</c> override. The form is a type deriving from
    /// <c>System.Windows.Forms.Form</c>, the window one deriving from <c>System.Windows.Window</c>; where the base does not bind,
    /// one whose written base is <c>Form</c>, or a name ending in <c>Window</c> in a file importing <c>System.Windows</c> (a
    /// themed window of a package folder mode lacks: Wpf.Ui's <c>FluentWindow</c>).
    /// </summary>
    private static bool OpensTheForm(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        var name = method.Identifier.ValueText;
        var isOverride = method.Modifiers.Any(SyntaxKind.OverrideKeyword);
        if (IsStatic(method.Modifiers) || method.ParameterList.Parameters.Count != (isOverride ? 1 : 2) ||
            isOverride && name is not ("OnLoad" or "OnShown" or "OnContentRendered" or "OnSourceInitialized") ||
            method.Parent is not ClassDeclarationSyntax form || model.GetDeclaredSymbol(form, cancellationToken) is not { } formType ||
            WindowKindOf(formType, form) is not { } kind ||
            isOverride && !IsOpeningOverride(kind, name))
        {
            return false;
        }

        if (isOverride)
        {
            return true;
        }

        foreach (var reference in formType.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Left: var target, Right: var handler } &&
                    IsOpeningEventOfThis(kind, target) &&
                    NamesMethod(handler, name))
                {
                    return true;
                }
            }
        }

        return false;

        static bool NamesMethod(ExpressionSyntax handler, string name) => handler.Unwrap() switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == name,
            ObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } => NamesMethod(arguments[0].Expression, name),
            _ => false,
        };
    }

    /// <summary>
    /// <c>ContentRendered += (sender, args) =&gt; CheckUpdate();</c> in a constructor of a WPF window (or <c>Load += ...</c> of a
    /// WinForms form): the lambda runs once per window, when it opens (<see cref="OpensTheForm"/>).
    /// </summary>
    private static bool SubscribedToOpening(ExpressionSyntax lambda, SemanticModel model, CancellationToken cancellationToken) =>
        lambda.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Left: var target } subscription &&
        subscription.Right == lambda &&
        subscription.EnclosingFunction() is ConstructorDeclarationSyntax { Parent: ClassDeclarationSyntax form } constructor &&
        !IsStatic(constructor.Modifiers) &&
        model.GetDeclaredSymbol(form, cancellationToken) is { } formType &&
        WindowKindOf(formType, form) is { } kind &&
        IsOpeningEventOfThis(kind, target);

    private enum WindowKind
    {
        WinFormsForm,
        WpfWindow,
    }

    private static bool IsOpeningOverride(WindowKind kind, string name) => kind switch
    {
        WindowKind.WinFormsForm => name is "OnLoad" or "OnShown",
        _ => name is "OnContentRendered" or "OnSourceInitialized",
    };

    private static bool IsOpeningEventOfThis(WindowKind kind, ExpressionSyntax target) =>
        target switch
        {
            IdentifierNameSyntax { Identifier.ValueText: var name } => IsOpeningEvent(kind, name),
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name.Identifier.ValueText: var name } => IsOpeningEvent(kind, name),
            _ => false,
        };

    private static bool IsOpeningEvent(WindowKind kind, string name) => kind switch
    {
        WindowKind.WinFormsForm => name is "Load" or "Shown",
        _ => name is "ContentRendered" or "SourceInitialized" or "Loaded",
    };

    private static WindowKind? WindowKindOf(INamedTypeSymbol type, ClassDeclarationSyntax declaration)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.TypeKind == TypeKind.Error)
            {
                if (declaration.BaseList?.Types.FirstOrDefault()?.Type is not { } written)
                {
                    return null;
                }

                var name = SyntaxGates.RightmostName(written);
                return name == "Form" ? WindowKind.WinFormsForm
                    : name?.EndsWith("Window", System.StringComparison.Ordinal) == true && declaration.SyntaxTree.ImportsNamespace("System.Windows") ? WindowKind.WpfWindow
                    : null;
            }

            if (current is { Name: "Form", ContainingNamespace: { Name: "Forms", ContainingNamespace: { Name: "Windows", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } })
            {
                return WindowKind.WinFormsForm;
            }

            if (current is { Name: "Window", ContainingNamespace: { Name: "Windows", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                return WindowKind.WpfWindow;
            }
        }

        return null;
    }

    private static bool IsWpfApplication(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Application", ContainingNamespace: { Name: "Windows", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// An instance <c>Start</c> or <c>StartAsync</c> that implements (or overrides) a member of a contract that also has
    /// <c>Stop</c> or <c>StopAsync</c> (<c>IHostedService</c>, a host's own <c>IApplicationProcessor</c>): it opens the
    /// object's lifetime, which its stop closes, so what it makes is made once per start of that instance, as in a
    /// constructor. A lone <c>Start()</c> with no stop in its contract is an ordinary method. A Windows service's
    /// <c>OnStart</c> (an override of <c>System.ServiceProcess.ServiceBase</c>'s) opens its lifetime too, and so does a
    /// hosted service's <c>ExecuteAsync</c> (an override of <c>Microsoft.Extensions.Hosting.BackgroundService</c>'s, which its
    /// <c>StartAsync</c> calls once; read from the written base type where the package is missing).
    /// </summary>
    internal static bool StartsALifetime(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.Identifier.ValueText is not ("Start" or "StartAsync" or "OnStart" or "ExecuteAsync") || IsStatic(method.Modifiers) ||
            model.GetDeclaredSymbol(method, cancellationToken) is not IMethodSymbol declared)
        {
            return false;
        }

        if (method.Identifier.ValueText == "ExecuteAsync")
        {
            return ExecutesABackgroundService(method, declared);
        }

        if (method.Identifier.ValueText == "OnStart")
        {
            // protected override void OnStart(string[] args) of a Windows service: the service controller starts it once,
            // until OnStop. Only ServiceBase's: other OnStart hooks (an Android activity's) run each time a view shows.
            for (var overridden = declared.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (overridden.ContainingType is
                    {
                        Name: "ServiceBase",
                        ContainingNamespace: { Name: "ServiceProcess", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } },
                    })
                {
                    return true;
                }
            }

            return false;
        }

        for (var overridden = declared.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (HasStop(overridden.ContainingType))
            {
                return true;
            }
        }

        foreach (var @interface in declared.ContainingType.AllInterfaces)
        {
            if (!HasStop(@interface))
            {
                continue;
            }

            foreach (var member in @interface.GetMembers(declared.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(declared.ContainingType.FindImplementationForInterfaceMember(member), declared))
                {
                    return true;
                }
            }
        }

        return false;

        static bool HasStop(INamedTypeSymbol contract) =>
            contract.GetMembers("StopAsync").Any(static member => member is IMethodSymbol) || contract.GetMembers("Stop").Any(static member => member is IMethodSymbol);
    }

    /// <summary>
    /// <c>protected override Task ExecuteAsync(CancellationToken stoppingToken)</c> of a <c>BackgroundService</c>: the
    /// overridden member's type, or, where it does not bind, the written base type's name with one parameter.
    /// </summary>
    private static bool ExecutesABackgroundService(MethodDeclarationSyntax method, IMethodSymbol declared)
    {
        if (!method.Modifiers.Any(SyntaxKind.OverrideKeyword) || declared.Parameters.Length != 1)
        {
            return false;
        }

        for (var overridden = declared.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (overridden.ContainingType is
                {
                    Name: "BackgroundService",
                    ContainingNamespace: { Name: "Hosting", ContainingNamespace: { Name: "Extensions", ContainingNamespace: { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true } } },
                })
            {
                return true;
            }
        }

        return declared.ContainingType.BaseType is { TypeKind: TypeKind.Error } &&
               method.Parent is TypeDeclarationSyntax { BaseList.Types: { Count: > 0 } types } && SyntaxGates.RightmostName(types[0].Type) == "BackgroundService";
    }

    private static bool IsStatic(SyntaxTokenList modifiers) => modifiers.Any(SyntaxKind.StaticKeyword);

    /// <summary>
    /// Once per instance of the type that declares <paramref name="at"/> (of those its constructor builds, when it is in one;
    /// with the ordinary method whose own body stores it, when it is in one: see <see cref="CreationSite.Factory"/>).
    /// </summary>
    private static CreationSite PerInstance(SyntaxNode at) =>
        at.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } owner
            ? new CreationSite(CreationFrequency.PerInstance, owner.Identifier.ValueText, owner: owner, factory: RunningMethod(at, owner), constructor: RunningConstructor(at, owner))
            : OneTime;

    /// <summary>
    /// The instance method of <paramref name="owner"/> whose own body (not a loop, lambda or local function in it) holds
    /// <paramref name="at"/>: <c>public void Start() { HttpClient = new(handler); ... }</c>.
    /// </summary>
    private static MethodDeclarationSyntax? RunningMethod(SyntaxNode at, TypeDeclarationSyntax owner)
    {
        for (var node = at.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case MethodDeclarationSyntax method:
                    return method.Parent == owner && !IsStatic(method.Modifiers) ? method : null;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The instance constructor of <paramref name="owner"/> whose body or initializer holds <paramref name="at"/>, if any.</summary>
    private static ConstructorDeclarationSyntax? RunningConstructor(SyntaxNode at, TypeDeclarationSyntax owner) =>
        at.FirstAncestorOrSelf<MemberDeclarationSyntax>() is ConstructorDeclarationSyntax constructor &&
        constructor.Parent == owner && !IsStatic(constructor.Modifiers)
            ? constructor
            : null;

    /// <summary>
    /// <paramref name="assignment"/> (<c>_client = new HttpClient();</c>, as a statement) stores into a field that a later
    /// statement of the same run disposes (<c>_client.Dispose();</c>, <c>_client?.Dispose()</c>, <c>Close</c>,
    /// <c>DisposeAsync</c>, or <c>using (_client)</c>): in the same block after it, or in the <c>finally</c> of a <c>try</c>
    /// whose block holds it. The field only carries the client through this run, as a local would: it is made per run of
    /// the method (a helper that builds, sends and disposes on every call), not kept by the field's owner. A dispose under
    /// a test or in a <c>catch</c> (the client kept on the other path) does not count, nor one before the store (a rebuild
    /// that ends the old client, <see cref="OwnerEvidence.ReplacedEachRun"/>).
    /// </summary>
    internal static bool DisposedLaterInTheSameRun(AssignmentExpressionSyntax assignment)
    {
        if (assignment.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax block } statement ||
            OwnerEvidence.FieldName(assignment.Left) is null)
        {
            return false;
        }

        var field = WithoutThis(assignment.Left);

        for (SyntaxNode? node = block, inner = statement; node is not null and not MemberDeclarationSyntax and not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax; inner = node, node = node.Parent)
        {
            IEnumerable<StatementSyntax> later = node switch
            {
                BlockSyntax own when own == block => own.Statements.Where(other => other.SpanStart > statement.Span.End),
                TryStatementSyntax { Finally.Block: var @finally } attempt when inner == attempt.Block => @finally.Statements,
                _ => Enumerable.Empty<StatementSyntax>(),
            };

            foreach (var other in later)
            {
                if (Disposes(other, field))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="statement"/> disposes (or closes) the member <paramref name="field"/> writes, as written or on <c>this</c>
    /// (<c>_client</c> and <c>this._client</c> alike; not <c>other._client</c>, another object's).
    /// </summary>
    private static bool Disposes(StatementSyntax statement, ExpressionSyntax field)
    {
        var disposed = statement switch
        {
            ExpressionStatementSyntax { Expression: var expression } => OwnerEvidence.DisposedBy(expression.Unwrap() is AwaitExpressionSyntax { Expression: var awaited } ? awaited.Unwrap() : expression.Unwrap()),
            UsingStatementSyntax @using => OwnerEvidence.DisposedBy(@using),
            _ => null,
        };
        return disposed is not null && SyntaxFactory.AreEquivalent(WithoutThis(disposed), field);
    }

    private static ExpressionSyntax WithoutThis(ExpressionSyntax member) =>
        member.Unwrap() is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } ? name : member.Unwrap();

    private static bool IsAssignmentInto(ExpressionSyntax expression, ExpressionSyntax target) =>
        expression is AssignmentExpressionSyntax assignment &&
        SyntaxFactory.AreEquivalent(assignment.Left.Unwrap(), target.Unwrap());

    private enum LambdaKind
    {
        /// <summary>An ordinary lambda: its body runs per call.</summary>
        PerCall,

        /// <summary>Runs once per container, handler lifetime or cache entry.</summary>
        OneTime,

        /// <summary>Runs once per instance (<c>LazyInitializer.EnsureInitialized(ref _client, ...)</c> on an instance field).</summary>
        PerInstance,

        /// <summary>Runs at most once per object created around it (<c>Lazy&lt;T&gt;</c>).</summary>
        RunsWithItsCreator,

        /// <summary>A command-line command's handler (<see cref="CommandLineHandlers"/>): runs once per run of the program, as an entry point.</summary>
        CommandHandler,
    }

    /// <summary>
    /// A method group handed over as a delegate (<c>new Lazy&lt;HttpClient&gt;(CreateClient)</c>,
    /// <c>ConfigurePrimaryHttpMessageHandler(CreateHandler)</c>): how often the method then runs. With <c>keepsNothing</c> the
    /// method makes, uses and drops its creation (it returns none): handed to code that does not bind, it runs as often as
    /// that code calls it, which is not known to be once.
    /// </summary>
    public static CreationSite ClassifyDelegate(ExpressionSyntax methodGroup, string methodName, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken, bool keepsNothing = false)
    {
        if (HandedToUnboundCall(methodGroup, model, cancellationToken) &&
            !(methodGroup.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax registration } } &&
              CommandLineHandlers.IsHandlerArgument(registration, model, cancellationToken)))
        {
            // (command.SetHandler(Entry, option) with System.CommandLine missing is a command's handler, decided below.)
            // builder.AddProcessor(BuildProcessor) on a type that does not bind: its results go to code not seen here.
            // images.SelectMany(LoadImage) with Rx missing: a client made and dropped on each run stays per call, as in a lambda.
            return keepsNothing ? new CreationSite(CreationFrequency.PerCall, methodName, via: "a delegate") : OneTime;
        }

        if (StoredInMember(methodGroup, model, cancellationToken, out var member))
        {
            // static readonly Func<HttpClient> s_create = Create: as often as the member is invoked.
            return new CreationSite(CreationFrequency.Invoked, methodName, storedIn: member);
        }

        if (InvokedOnceThroughLocal(methodGroup, model, cancellationToken) is { } invocation)
        {
            // var factory = dispatcherFactory ?? DefaultDispatcherFactory; _dispatcher = factory(options);: the delegate runs
            // where the local is invoked, and what it returns goes where that call's result goes.
            return keepsNothing
                ? ClassifyRun(invocation, model, types, cancellationToken).RunOfFactory()
                : Classify(invocation, model, types, cancellationToken);
        }

        if (keepsNothing && OneShotTimerStart(methodGroup, model, cancellationToken) is { } timerStart)
        {
            // timer.Tick += OnTick; timer.Start(); with an OnTick that first stops the timer: it runs once per start.
            return ClassifyRun(timerStart, model, types, cancellationToken).RunOfFactory();
        }

        if (keepsNothing && StartingCallOf(methodGroup, model, cancellationToken) is { } started)
        {
            // await Task.WhenAll(Task.Run(mobs.InitializeAsync), ...): the thread pool runs the method once, each time the
            // start runs, as it runs a lambda handed to it.
            return ClassifyRun(started, model, types, cancellationToken).RunOfFactory();
        }

        switch (ClassifyLambda(methodGroup, model, types, cancellationToken))
        {
            case LambdaKind.OneTime:
            case LambdaKind.CommandHandler:
                return OneTime;
            case LambdaKind.PerInstance:
                return PerInstance(methodGroup);
            case LambdaKind.RunsWithItsCreator when methodGroup.Parent?.Parent?.Parent is BaseObjectCreationExpressionSyntax lazy:
                return LazySite(lazy, model, types, cancellationToken);
            default:
                return new CreationSite(CreationFrequency.PerCall, methodName, via: "a delegate");
        }
    }

    /// <summary>
    /// <paramref name="methodGroup"/> (a method group or a lambda) initializes a local (alone, or as one side of <c>??</c> or a branch of <c>?:</c>) that
    /// its function only invokes, once (<c>factory(...)</c>, <c>factory.Invoke(...)</c>), in that function's own code (not in a
    /// lambda or local function): that invocation, or null.
    /// </summary>
    private static InvocationExpressionSyntax? InvokedOnceThroughLocal(ExpressionSyntax methodGroup, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode value = methodGroup;
        while (value.Parent is ParenthesizedExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } or ConditionalExpressionSyntax)
        {
            if (value.Parent is ConditionalExpressionSyntax conditional && conditional.Condition == value)
            {
                return null;
            }

            value = value.Parent;
        }

        if (value.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } ||
            model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local ||
            declarator.EnclosingFunction() is not { } function)
        {
            return null;
        }

        InvocationExpressionSyntax? invoked = null;
        foreach (var reference in model.References(local, function, cancellationToken))
        {
            var call = reference.Parent switch
            {
                InvocationExpressionSyntax direct when direct.Expression == reference => direct,
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke", Parent: InvocationExpressionSyntax viaInvoke } access
                    when access.Expression == reference && viaInvoke.Expression == access => viaInvoke,
                _ => null,
            };
            if (call is null || invoked is not null || call.EnclosingFunction() != function)
            {
                return null;
            }

            invoked = call;
        }

        return invoked;
    }

    /// <summary>
    /// Where a <c>Lazy&lt;T&gt;</c> (or an object that runs its delegate at most once) is made decides how often its delegate
    /// runs; but one made anew and assigned to a field by a plain assignment in a method (<c>public void Refresh() =&gt;
    /// _lazy = new AsyncLazy&lt;T&gt;(Load);</c>, not <c>??=</c>, not under a test of that field) replaces the last one on
    /// every call of that method: its delegate runs per call.
    /// </summary>
    private static CreationSite LazySite(BaseObjectCreationExpressionSyntax creator, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        var site = Classify(creator, model, types, cancellationToken);
        if (site.Frequency != CreationFrequency.PerInstance ||
            creator.ParentSkippingParenthesesAndCasts() is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Parent: ExpressionStatementSyntax or ArrowExpressionClauseSyntax } assignment ||
            assignment.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not MethodDeclarationSyntax method)
        {
            return site;
        }

        var target = assignment.Left.Unwrap() switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
            _ => null,
        };
        for (var node = assignment.Parent; node is not null && node != method; node = node.Parent)
        {
            if (node is IfStatementSyntax { Condition: var condition } &&
                condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name => name.Identifier.ValueText == target))
            {
                // if (_lazy == null) _lazy = new Lazy<T>(...): once per instance after all.
                return site;
            }
        }

        return new CreationSite(CreationFrequency.PerCall, method.Identifier.ValueText);
    }

    private static LambdaKind ClassifyLambda(ExpressionSyntax lambda, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken) =>
        lambda.Parent switch
        {
            AssignmentExpressionSyntax when SubscribedToOpening(lambda, model, cancellationToken) => LambdaKind.PerInstance,
            ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } receiver } } argument => ClassifyDelegateArgument(argument, receiver, model, types, cancellationToken),
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax } declarator } =>
                ClassifyDelegateLocal(declarator, model, types, cancellationToken),
            _ => LambdaKind.PerCall,
        };

    /// <summary>
    /// <c>Func&lt;HttpMessageHandler&gt; create = () =&gt; ...; builder.ConfigurePrimaryHttpMessageHandler(create);</c>:
    /// a delegate kept in a local runs as the calls it is handed to run it, when it is only handed over
    /// (never invoked here) and every receiver agrees.
    /// </summary>
    private static LambdaKind ClassifyDelegateLocal(VariableDeclaratorSyntax declarator, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        if (declarator.EnclosingMember() is not { } scope || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
        {
            return LambdaKind.PerCall;
        }

        LambdaKind? agreed = null;
        foreach (var identifier in model.References(local, scope, cancellationToken))
        {
            if (identifier.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: { } receiver } } argument)
            {
                return LambdaKind.PerCall;
            }

            var kind = ClassifyDelegateArgument(argument, receiver, model, types, cancellationToken);
            if (kind is not (LambdaKind.OneTime or LambdaKind.PerInstance or LambdaKind.CommandHandler) || agreed is { } previous && previous != kind)
            {
                return LambdaKind.PerCall;
            }

            agreed = kind;
        }

        return agreed ?? LambdaKind.PerCall;
    }

    /// <summary>
    /// <paramref name="thread"/> is stored in a private field of its type (<c>_queryThread = new Thread(QueryThread)</c>, or the
    /// field's initializer), and every reference to that field is a <c>Start()</c> in a host hook that no call of the
    /// compilation runs (<see cref="InitializesForItsHost"/>, <see cref="TheCodeRunsTheHook"/>), outside loops and functions,
    /// or a read of its state (<c>IsAlive</c>, <c>Join()</c>); at least one such start.
    /// </summary>
    private static bool StartedOnlyByAHostHook(BaseObjectCreationExpressionSyntax thread, SemanticModel model, CancellationToken cancellationToken)
    {
        var stored = thread.WithEnclosingParentheses().Parent switch
        {
            AssignmentExpressionSyntax { Left: var target } assignment when assignment.Right.Unwrap() == thread => model.GetSymbolInfo(target, cancellationToken).Symbol,
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => model.GetDeclaredSymbol(declarator, cancellationToken),
            _ => null,
        };
        if (stored is not IFieldSymbol { DeclaredAccessibility: Accessibility.Private } field)
        {
            return false;
        }

        var starts = 0;
        foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
        {
            var declarationModel = reference.SyntaxTree == model.SyntaxTree ? model : model.Compilation.ModelFor(reference.SyntaxTree);
            foreach (var token in SyntaxTreeIndex.For(reference.SyntaxTree, cancellationToken).Identifiers(field.Name, cancellationToken))
            {
                if (!reference.Span.Contains(token.Span) || token.Parent is not IdentifierNameSyntax name ||
                    !SymbolEqualityComparer.Default.Equals(declarationModel.GetSymbolInfo(name, cancellationToken).Symbol, field))
                {
                    continue;
                }

                var written = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == name ? (ExpressionSyntax)self : name;
                if (written.Parent is AssignmentExpressionSyntax { Left: var left } && left == written ||
                    written.Parent is VariableDeclaratorSyntax)
                {
                    continue;
                }

                if (written.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } access || access.Expression != written)
                {
                    return false;
                }

                if (member is "IsAlive" or "Join" or "ThreadState" or "ManagedThreadId" or "Name")
                {
                    continue;
                }

                if (member != "Start" || access.Parent is not InvocationExpressionSyntax start ||
                    start.FirstAncestorOrSelf<SyntaxNode>(static node => node is MethodDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or
                                                                         ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                        is not MethodDeclarationSyntax hook ||
                    !InitializesForItsHost(hook, declarationModel, cancellationToken) || TheCodeRunsTheHook(hook, declarationModel, cancellationToken))
                {
                    return false;
                }

                starts++;
            }
        }

        return starts > 0;
    }

    private static bool IsThread(ITypeSymbol? type) =>
        type is { Name: "Thread", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>
    /// <c>new ServiceDescriptor(serviceType, factory, ServiceLifetime.Singleton)</c>: the container's own descriptor type (or,
    /// where the package does not bind in folder mode, a type spelled so), with the singleton lifetime written as an argument.
    /// </summary>
    private static bool IsSingletonDescriptor(BaseObjectCreationExpressionSyntax creation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (creation is ObjectCreationExpressionSyntax { Type: var written } && !written.SpellsIdentifier("ServiceDescriptor") ||
            creation.ArgumentList is not { } arguments ||
            !arguments.Arguments.Any(static argument => argument.Expression.Unwrap() is MemberAccessExpressionSyntax
            {
                Expression: IdentifierNameSyntax { Identifier.ValueText: "ServiceLifetime" } or MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ServiceLifetime" },
                Name.Identifier.ValueText: "Singleton",
            }))
        {
            return false;
        }

        return model.GetTypeInfo(creation, cancellationToken).Type switch
        {
            null or { TypeKind: TypeKind.Error } => creation is ObjectCreationExpressionSyntax,
            var type => type.Name == "ServiceDescriptor" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.DependencyInjection",
        };
    }

    private static LambdaKind ClassifyDelegateArgument(ArgumentSyntax argument, SyntaxNode receiver, SemanticModel model, WellKnownTypes types, CancellationToken cancellationToken)
    {
        switch (receiver)
        {
            case BaseObjectCreationExpressionSyntax descriptor when IsSingletonDescriptor(descriptor, model, cancellationToken):
                // services.Add(new ServiceDescriptor(typeof(IApi), sp => new Api(...), ServiceLifetime.Singleton)): once per container.
                return LambdaKind.OneTime;

            case BaseObjectCreationExpressionSyntax thread when IsThread(model.GetTypeInfo(thread, cancellationToken).Type) &&
                                                                StartedOnlyByAHostHook(thread, model, cancellationToken):
                // _queryThread = new Thread(QueryThread) in the constructor, started only in the plugin's Load: it runs only on
                // the instances the host loads (TheCodeRunsTheHook), not on the ones the code makes for helpers.
                return LambdaKind.OneTime;

            case BaseObjectCreationExpressionSyntax lazyCreation:
                // new Lazy<T>(factory), or new LazyExportClient(factory) whose constructor keeps it in a Lazy<T> field: once per object;
                // new Thread(Run): a thread starts once, so it runs its delegate at most once too.
                return types.IsLazy(model.GetTypeInfo(lazyCreation, cancellationToken).Type) || IsThread(model.GetTypeInfo(lazyCreation, cancellationToken).Type) ||
                       model.GetSymbolInfo(lazyCreation, cancellationToken).Symbol is IMethodSymbol { DeclaringSyntaxReferences.Length: > 0 } constructor &&
                       argument.ParameterIn(constructor) is { } parameter && MethodSummaries.KeptInLazy(constructor, parameter, cancellationToken)
                    ? LambdaKind.RunsWithItsCreator
                    : LambdaKind.PerCall;

            case InvocationExpressionSyntax invocation:
                if (invocation.Expression is MemberAccessExpressionSyntax memberAccess && LongLivedStorage.IsCacheLookup(memberAccess, model, cancellationToken))
                {
                    // s_cache.GetOrAdd(key, _ => new HttpClient()): once per key; _cache.GetOrAdd(...): per key of this instance.
                    // s_clients.GetValue(setting, key => new Lazy<HttpClient>(...)) of a ConditionalWeakTable: once per live key.
                    switch (LongLivedStorage.CollectionStorage(memberAccess.Expression, model, cancellationToken))
                    {
                        case Storage.Static:
                            return LambdaKind.OneTime;
                        case Storage.Instance:
                            return LambdaKind.PerInstance;
                    }
                }

                if (LongLivedStorage.StaticCacheStores(argument, model, cancellationToken) || IsHandlerBuilderAction(invocation, model, cancellationToken))
                {
                    return LambdaKind.OneTime;
                }

                if (CommandLineHandlers.IsHandlerArgument(invocation, model, cancellationToken))
                {
                    // command.SetHandler(RunAsync, option): a command's handler runs once per run of the program.
                    return LambdaKind.CommandHandler;
                }

                if (UserMethodKind(invocation, argument, model, cancellationToken) is { } userKind)
                {
                    return userKind;
                }

                switch (LongLivedStorage.AtomicInitializationTarget(invocation, argument, model, cancellationToken))
                {
                    case Storage.Static:
                        return LambdaKind.OneTime;
                    case Storage.Instance:
                        return LambdaKind.PerInstance;
                }

                return ServiceRegistrations.RunsDelegatesOnce(invocation, model, types, cancellationToken) &&
                       !ServiceRegistrations.IsTheInstanceItself(invocation, argument, model, cancellationToken)
                    ? LambdaKind.OneTime
                    : LambdaKind.PerCall;

            default:
                return LambdaKind.PerCall;
        }
    }
}
