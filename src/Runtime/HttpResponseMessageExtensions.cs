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
    /// <c>DisposeAsync</c>) disposes the response too, returning its connection to the pool. Use it to return a content
    /// stream from a method without leaking the response or disposing it too early.
    /// </summary>
    /// <param name="response">The response; owned by the returned stream from now on (and disposed here if reading fails).</param>
    /// <param name="cancellationToken">Cancels reading the stream (on netstandard2.0 only before the read starts).</param>
    /// <returns>A stream whose reads pass through to the content stream.</returns>
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
        Stream content;
        try
        {
#if NET
            content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            cancellationToken.ThrowIfCancellationRequested();
            content = response.Content is null ? Stream.Null : await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        }
        catch
        {
            // Ownership was handed over; nobody else will dispose it.
            response.Dispose();
            throw;
        }

        return new ResponseOwningStream(content, response);
    }
}
