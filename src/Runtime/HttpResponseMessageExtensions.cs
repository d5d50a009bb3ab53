using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using HttpClientGuard.Streams;

namespace HttpClientGuard;

/// <summary>Extensions that hand a response's ownership to the code that consumes its content.</summary>
/// <remarks>Thread safety: the methods are stateless; the returned stream, like any stream, is for one reader at a time.</remarks>
public static class HttpResponseMessageExtensions
{
    /// <summary>
    /// Reads the response content as a stream that owns the response: disposing the stream (<c>Dispose</c> or
    /// <c>DisposeAsync</c>) disposes the content and the response, returning the connection to its pool. Use it to return
    /// a content stream from a method: the stream stays readable after the method's <c>using var response</c> ends,
    /// because the response's <see cref="HttpResponseMessage.Content"/> is replaced by an empty placeholder that carries
    /// the same content headers, and disposing the response then touches only the placeholder.
    /// </summary>
    /// <param name="response">The response; from now on owned by the returned stream (and disposed here if reading fails).</param>
    /// <param name="cancellationToken">Cancels opening the content stream (on netstandard2.0, only before it starts).</param>
    /// <returns>A read-only stream whose reads pass through to the content stream.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static Task<Stream> ReadAsOwnedStreamAsync(this HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        if (response is null)
        {
            throw new ArgumentNullException(nameof(response));
        }

        return ReadOwnedAsync(response, cancellationToken);
    }

    private static async Task<Stream> ReadOwnedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var content = response.Content;
        Stream stream;
        try
        {
#if NET
            stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            cancellationToken.ThrowIfCancellationRequested();
            stream = content is null ? Stream.Null : await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        }
        catch
        {
            // Ownership was handed over; nobody else will dispose it.
            response.Dispose();
            throw;
        }

        if (content is not null)
        {
            response.Content = HeadersOnlyCopy(content);
        }

        return new ResponseOwningStream(stream, content, response);
    }

    private static ByteArrayContent HeadersOnlyCopy(HttpContent content)
    {
        var placeholder = new ByteArrayContent(Array.Empty<byte>());
        foreach (var header in content.Headers)
        {
            placeholder.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return placeholder;
    }
}
