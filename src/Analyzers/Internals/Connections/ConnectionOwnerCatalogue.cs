using System.Collections.Immutable;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>How a catalogue type is created: its constructors, or a named static or instance method.</summary>
internal enum ConnectionOwnerCreation
{
    Constructor,
    StaticMethod,
    InstanceMethod,
}

/// <summary>What makes a per-call creation share a pool it did not create (a <c>quiet_when</c> shape of the catalogue).</summary>
internal enum QuietShapeKind
{
    /// <summary><c>param:&lt;type&gt;</c>: an argument (not null, not the default) for a parameter of this type.</summary>
    Parameter,

    /// <summary><c>arg:&lt;parameter&gt;=true</c>: the named parameter receives the constant <c>true</c>.</summary>
    ArgumentIsTrue,

    /// <summary><c>property:&lt;type&gt;.&lt;Property&gt;</c> (optionally <c>!&lt;type&gt;</c>): the options object passed sets the property.</summary>
    Property,
}

/// <summary>One <c>quiet_when</c> shape of a catalogue row.</summary>
internal sealed class QuietShape
{
    private QuietShape(QuietShapeKind kind, string typeName, string? memberName, string? exceptValueType)
    {
        Kind = kind;
        TypeName = typeName;
        MemberName = memberName;
        ExceptValueType = exceptValueType;
    }

    public QuietShapeKind Kind { get; }

    /// <summary>The parameter's type (<see cref="QuietShapeKind.Parameter"/>) or the options type declaring the property.</summary>
    public string TypeName { get; }

    /// <summary>The parameter name (<see cref="QuietShapeKind.ArgumentIsTrue"/>) or the property name.</summary>
    public string? MemberName { get; }

    /// <summary>For a property: a value of this type does not share (the <c>!&lt;type&gt;</c> suffix).</summary>
    public string? ExceptValueType { get; }

    public static QuietShape Parameter(string typeName) => new(QuietShapeKind.Parameter, typeName, null, null);

    public static QuietShape ArgumentIsTrue(string parameterName) => new(QuietShapeKind.ArgumentIsTrue, string.Empty, parameterName, null);

    public static QuietShape Property(string optionsType, string property, string? exceptValueType = null) =>
        new(QuietShapeKind.Property, optionsType, property, exceptValueType);
}

/// <summary>One row of the catalogue: a type whose instances own their connections, and how it is created.</summary>
internal sealed class ConnectionOwnerEntry
{
    public ConnectionOwnerEntry(string? assemblyName, string typeName, ConnectionOwnerCreation creation, string? methodName, bool vendorGuidance, params QuietShape[] quietWhen)
    {
        AssemblyName = assemblyName;
        TypeName = typeName;
        Creation = creation;
        MethodName = methodName;
        VendorGuidance = vendorGuidance;
        QuietWhen = ImmutableArray.Create(quietWhen);
    }

    /// <summary>The assembly that declares <see cref="TypeName"/>: the row is looked at only when the compilation references it. Null for user types.</summary>
    public string? AssemblyName { get; }

    /// <summary>Metadata name of the type.</summary>
    public string TypeName { get; }

    public ConnectionOwnerCreation Creation { get; }

    /// <summary>The factory method's name, for method creations.</summary>
    public string? MethodName { get; }

    /// <summary>Reported on the vendor's written guidance rather than a measurement.</summary>
    public bool VendorGuidance { get; }

    public ImmutableArray<QuietShape> QuietWhen { get; }

    /// <summary>A user type or factory from <c>httpclientguard.connection_owner_types</c>.</summary>
    public bool IsUserEntry => AssemblyName is null;

    /// <summary>The entry as the option spells it: the type, or <c>Type.Method</c>.</summary>
    public string Key => MethodName is null ? TypeName : TypeName + "." + MethodName;
}

/// <summary>
/// The reported rows of <c>docs/rules/HCG008-catalogue.tsv</c> (verdicts <c>reported</c> and
/// <c>reported-vendor-guidance</c>), with their <c>quiet_when</c> shapes. The rows measured quiet
/// (Azure Storage, AWS S3, Stripe, OpenAI, MongoDB) are deliberately absent: creating those per call
/// shares one pool. A test keeps this list and the file in step.
/// </summary>
internal static class ConnectionOwnerCatalogue
{
    private const string HttpClient = WellKnownTypeNames.HttpClient;
    private const string HttpMessageHandler = WellKnownTypeNames.HttpMessageHandler;

    public static ImmutableArray<ConnectionOwnerEntry> Entries { get; } = ImmutableArray.Create(
        Constructor("RestSharp", "RestSharp.RestClient", QuietShape.Parameter(HttpClient), QuietShape.Parameter(HttpMessageHandler), QuietShape.ArgumentIsTrue("useClientFactory")),
        Constructor("Flurl.Http", "Flurl.Http.FlurlClient", QuietShape.Parameter(HttpClient)),
        StaticMethod("Refit", "Refit.RestService", "For", QuietShape.Parameter(HttpClient)),
        StaticMethod("Refit", "Refit.RestService", "ForGenerated", QuietShape.Parameter(HttpClient)),
        Constructor("Octokit", "Octokit.GitHubClient", QuietShape.Parameter("Octokit.IConnection")),
        Constructor("Octokit", "Octokit.Connection", QuietShape.Parameter("Octokit.Internal.IHttpClient")),
        Constructor("SendGrid", "SendGrid.SendGridClient", QuietShape.Parameter(HttpClient)),
        Constructor("Twilio", "Twilio.Clients.TwilioRestClient", QuietShape.Parameter("Twilio.Http.HttpClient")),
        StaticMethod(
            "Grpc.Net.Client",
            "Grpc.Net.Client.GrpcChannel",
            "ForAddress",
            QuietShape.Property("Grpc.Net.Client.GrpcChannelOptions", "HttpClient"),
            QuietShape.Property("Grpc.Net.Client.GrpcChannelOptions", "HttpHandler", exceptValueType: WellKnownTypeNames.SocketsHttpHandler)),
        Constructor("Elastic.Clients.Elasticsearch", "Elastic.Clients.Elasticsearch.ElasticsearchClient", QuietShape.Parameter("Elastic.Clients.Elasticsearch.IElasticsearchClientSettings")),
        Constructor("Elastic.Clients.Elasticsearch", "Elastic.Clients.Elasticsearch.ElasticsearchClientSettings"),
        Constructor("Nest", "Nest.ElasticClient", QuietShape.Parameter("Nest.IConnectionSettingsValues")),
        Constructor("Nest", "Nest.ConnectionSettings"),
        Constructor("Azure.Core", "Azure.Core.Pipeline.HttpClientTransport", QuietShape.Parameter(HttpClient), QuietShape.Parameter(HttpMessageHandler)),
        StaticMethod("StackExchange.Redis", "StackExchange.Redis.ConnectionMultiplexer", "Connect"),
        StaticMethod("StackExchange.Redis", "StackExchange.Redis.ConnectionMultiplexer", "ConnectAsync"),
        new ConnectionOwnerEntry("Microsoft.Azure.Cosmos.Client", "Microsoft.Azure.Cosmos.CosmosClient", ConnectionOwnerCreation.Constructor, null, vendorGuidance: true),
        new ConnectionOwnerEntry("Microsoft.Azure.Cosmos.Client", "Microsoft.Azure.Cosmos.CosmosClient", ConnectionOwnerCreation.StaticMethod, "CreateAndInitializeAsync", vendorGuidance: true),
        new ConnectionOwnerEntry("Microsoft.Azure.Cosmos.Client", "Microsoft.Azure.Cosmos.Fluent.CosmosClientBuilder", ConnectionOwnerCreation.InstanceMethod, "Build", vendorGuidance: true),
        new ConnectionOwnerEntry("Azure.Messaging.ServiceBus", "Azure.Messaging.ServiceBus.ServiceBusClient", ConnectionOwnerCreation.Constructor, null, vendorGuidance: true));

    private static ConnectionOwnerEntry Constructor(string assembly, string type, params QuietShape[] quietWhen) =>
        new(assembly, type, ConnectionOwnerCreation.Constructor, null, vendorGuidance: false, quietWhen);

    private static ConnectionOwnerEntry StaticMethod(string assembly, string type, string method, params QuietShape[] quietWhen) =>
        new(assembly, type, ConnectionOwnerCreation.StaticMethod, method, vendorGuidance: false, quietWhen);
}
