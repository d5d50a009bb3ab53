using System;
using System.Buffers;
using System.Buffers.Binary;

namespace HttpClientGuard.Pooling;

/// <summary>Appends fixed-width little-endian fields to a rented buffer; the caller returns it with <see cref="Dispose"/>.</summary>
internal struct KeyWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public KeyWriter(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
        _length = 0;
    }

    public readonly PoolKey LookupKey => new(_buffer, _length);

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void WriteBytes(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        WriteInt32(value.Length);
        foreach (var c in value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), c);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = Array.Empty<byte>();
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _length);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var span = new Span<byte>(_buffer, _length, count);
        _length += count;
        return span;
    }
}
