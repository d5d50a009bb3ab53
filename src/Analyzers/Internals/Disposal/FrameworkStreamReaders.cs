using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace HttpClientGuard.Analyzers.Internals;

/// <summary>
/// Framework and well-known package calls that read a stream they are given and never dispose it, recognised by type and
/// method name where the type does not bind: System.Text.Json is a package on netstandard2.0 and .NET Framework,
/// SixLabors.ImageSharp, Magick.NET and HtmlAgilityPack are packages, and folder mode often lacks them. The stream stays the caller's to dispose. Only the static, whole-document readers are
/// listed (not <c>DeserializeAsyncEnumerable</c>, which reads as it is enumerated); a type of the code's own under one
/// of these names binds and is decided by its source instead. Documented in <c>docs/rules/HCG004.md</c>.
/// </summary>
internal static class FrameworkStreamReaders
{
    public static bool IsUnboundRead(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
    {
        if (call.Expression is not MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.ValueText: var method })
        {
            return false;
        }

        var type = SyntaxGates.WrittenReceiverName(receiver);

        if (model.GetSymbolInfo(receiver, cancellationToken).Symbol is null)
        {
            return Reads(type, method);
        }

        // document.Load(stream) on a receiver (a local, field, parameter, property or call) of a type that does not bind
        // (HtmlAgilityPack missing): the error type keeps the name written for it.
        return model.GetTypeInfo(receiver, cancellationToken).Type is { TypeKind: TypeKind.Error } instanceType &&
               ReadsInto(instanceType.Name, method);
    }

    /// <summary>
    /// Magick.NET's images (<c>new MagickImage(stream)</c>, <c>MagickImageCollection</c>, <c>MagickImageInfo</c>, in the
    /// <c>ImageMagick</c> namespace): the constructor reads the whole image from the stream into ImageMagick's memory and keeps
    /// no reference to it, so disposing the image does not dispose the stream. By the written type name where the package
    /// does not bind, by type and namespace where it does.
    /// </summary>
    public static bool IsReadingConstructor(ITypeSymbol? created, ObjectCreationExpressionSyntax creation) =>
        created is { TypeKind: not TypeKind.Error } bound
            ? IsMagickImage(bound.Name) && bound.ContainingNamespace is { Name: "ImageMagick", ContainingNamespace.IsGlobalNamespace: true }
            : SyntaxGates.RightmostName(creation.Type) is { } written && IsMagickImage(written);

    /// <summary>
    /// System.Drawing's <c>new Bitmap(stream)</c>: the bitmap reads the stream for its whole lifetime (so handing the bitmap
    /// on hands the stream with it), but disposing the bitmap does not dispose the stream. By type and namespace where
    /// System.Drawing binds, by the written name <c>Bitmap</c> where it does not (folder mode often lacks
    /// System.Drawing.Common; Avalonia's <c>Bitmap(Stream)</c> leaves the stream open too).
    /// </summary>
    public static bool IsKeepingImageConstructor(ITypeSymbol? created, ObjectCreationExpressionSyntax creation) =>
        created is { TypeKind: not TypeKind.Error } bound
            ? bound.Name == "Bitmap" && IsSystemDrawing(bound.ContainingNamespace)
            : SyntaxGates.RightmostName(creation.Type) == "Bitmap";

    /// <summary>
    /// <c>Image.FromStream(stream)</c> (also through <c>Bitmap</c>): the image made reads the stream for its lifetime and
    /// does not dispose it, as <see cref="IsKeepingImageConstructor"/>. By method and type where System.Drawing binds, by
    /// the names written where it does not.
    /// </summary>
    public static bool IsKeepingImageFactory(IInvocationOperation call) =>
        call.TargetMethod is { Name: "FromStream", ContainingType: { Name: "Image" } type } && IsSystemDrawing(type.ContainingNamespace);

    private static bool IsSystemDrawing(INamespaceSymbol? ns) =>
        ns is { Name: "Drawing", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    /// <inheritdoc cref="IsKeepingImageFactory(IInvocationOperation)"/>
    public static bool IsUnboundKeepingImageFactory(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromStream", Expression: var receiver } &&
        SyntaxGates.WrittenReceiverName(receiver) is "Image" or "Bitmap";

    private static bool IsMagickImage(string name) => name is "MagickImage" or "MagickImageCollection" or "MagickImageInfo";

    /// <summary>
    /// Instance methods that read a whole stream into the object they are called on and leave it open: HtmlAgilityPack's
    /// <c>HtmlDocument.Load(Stream)</c> reads it to its end through a <c>StreamReader</c> it never disposes.
    /// </summary>
    private static bool ReadsInto(string type, string method) =>
        type == "HtmlDocument" && method == "Load";

    private static bool Reads(string? type, string method) => type switch
    {
        "JsonDocument" or "JsonNode" => method is "Parse" or "ParseAsync",
        "JsonSerializer" => method is "Deserialize" or "DeserializeAsync",

        // SixLabors.ImageSharp decodes the whole image (or its header) from the stream and leaves it open. Not System.Drawing's
        // Image.FromStream: that image reads the stream for its lifetime, so a 'using' around the call would break it.
        "Image" => method is "Load" or "LoadAsync" or "Identify" or "IdentifyAsync" or "DetectFormat" or "DetectFormatAsync",
        _ => false,
    };
}
