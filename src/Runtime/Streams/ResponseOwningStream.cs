using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace HttpClientGuard.Streams;

/// <summary>A read-through stream that disposes the content and response it came from when it is disposed.</summary>
internal sealed class ResponseOwningStream : Stream
{
    private readonly Stream _content;
    private HttpContent? _owner;
    private HttpResponseMessage? _response;

    public ResponseOwningStream(Stream content, HttpContent? owner, HttpResponseMessage response)
    {
        _content = content;
        _owner = owner;
        _response = response;
    }

    public override bool CanRead => _content.CanRead;

    public override bool CanSeek => _content.CanSeek;

    public override bool CanWrite => false;

    public override bool CanTimeout => _content.CanTimeout;

    public override long Length => _content.Length;

    public override long Position
    {
        get => _content.Position;
        set => _content.Position = value;
    }

    public override int ReadTimeout
    {
        get => _content.ReadTimeout;
        set => _content.ReadTimeout = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => _content.Read(buffer, offset, count);

    public override int ReadByte() => _content.ReadByte();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => _content.ReadAsync(buffer, offset, count, cancellationToken);

    public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
        => _content.CopyToAsync(destination, bufferSize, cancellationToken);

#if NET
    public override int Read(Span<byte> buffer) => _content.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => _content.ReadAsync(buffer, cancellationToken);

    public override void CopyTo(Stream destination, int bufferSize) => _content.CopyTo(destination, bufferSize);

    public override async ValueTask DisposeAsync()
    {
        await _content.DisposeAsync().ConfigureAwait(false);
        ReleaseOwners();
        await base.DisposeAsync().ConfigureAwait(false);
    }
#endif

    public override long Seek(long offset, SeekOrigin origin) => _content.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _content.Dispose();
            ReleaseOwners();
        }

        base.Dispose(disposing);
    }

    private void ReleaseOwners()
    {
        Interlocked.Exchange(ref _owner, null)?.Dispose();
        Interlocked.Exchange(ref _response, null)?.Dispose();
    }
}
