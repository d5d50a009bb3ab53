using System;

namespace HttpClientGuard.Pooling;

/// <summary>
/// The canonical serialization of a handler's settings, used as the dictionary key. A lookup key points into a rented
/// buffer; the key stored with an entry owns an exact-length copy.
/// </summary>
internal readonly struct PoolKey : IEquatable<PoolKey>
{
    private readonly byte[] _buffer;
    private readonly int _length;
    private readonly int _hash;

    public PoolKey(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        _hash = ComputeHash(new ReadOnlySpan<byte>(buffer, 0, length));
    }

    private PoolKey(byte[] buffer, int length, int hash)
    {
        _buffer = buffer;
        _length = length;
        _hash = hash;
    }

    public ReadOnlySpan<byte> Bytes => new(_buffer, 0, _length);

    /// <summary>A key that owns its bytes, safe to keep after the rented buffer is returned.</summary>
    public PoolKey ToOwned() => new(Bytes.ToArray(), _length, _hash);

    public bool Equals(PoolKey other) => _hash == other._hash && Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is PoolKey other && Equals(other);

    public override int GetHashCode() => _hash;

    // Not cryptographic: the dictionary compares the full bytes on a hash match. The SHA-256 of the same bytes (the
    // fingerprint) is computed only when asked for: on every call it would cost more than the rest of CreateClient.
    private static int ComputeHash(ReadOnlySpan<byte> bytes)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15UL;
        ulong hash = (ulong)bytes.Length * Multiplier;
        while (bytes.Length >= 8)
        {
            hash = (hash ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * Multiplier;
            hash ^= hash >> 29;
            bytes = bytes.Slice(8);
        }

        foreach (var b in bytes)
        {
            hash = (hash ^ b) * Multiplier;
        }

        hash ^= hash >> 32;
        return (int)hash;
    }
}
