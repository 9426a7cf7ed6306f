using System.Security.Cryptography;

namespace InboundConversations.Internal.Domain;

/// <summary>
/// Version 7 GUIDs laid out exactly as <see cref="Guid.CreateVersion7(DateTimeOffset)"/> lays them out (48-bit Unix
/// milliseconds, version 7, variant 10, 74 random bits), with their random bits taken from a per-thread buffer that
/// the cryptographic generator refills 256 ids at a time.
/// </summary>
/// <remarks>
/// <see cref="Guid.CreateVersion7(DateTimeOffset)"/> asks the operating system for 16 random bytes on every call: one
/// system call per id, and every inbound message needs two ids. Where system calls are costly (virtual machines,
/// sandboxes) that was most of the append's time.
/// </remarks>
internal static class TimeOrderedGuid
{
    private const int IdsPerRefill = 256;
    private const int RandomBytesPerId = 10;

#pragma warning disable IDE1006 // t_: [ThreadStatic] (the naming rules see only "static" and ask for s_)
    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_next;
#pragma warning restore IDE1006

    /// <summary>A new version 7 GUID for <paramref name="timestamp"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestamp"/> is before the Unix epoch.</exception>
    public static Guid New(DateTimeOffset timestamp)
    {
        var milliseconds = timestamp.ToUnixTimeMilliseconds();
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds, nameof(timestamp));

        var random = t_random;
        if (random is null || t_next == random.Length)
        {
            random ??= t_random = new byte[IdsPerRefill * RandomBytesPerId];
            RandomNumberGenerator.Fill(random);
            t_next = 0;
        }

        var bits = random.AsSpan(t_next, RandomBytesPerId);
        t_next += RandomBytesPerId;
        return new Guid(
            (int)(milliseconds >> 16),
            (short)milliseconds,
            (short)(0x7000 | ((bits[0] << 8 | bits[1]) & 0x0FFF)),
            (byte)(0x80 | (bits[2] & 0x3F)),
            bits[3], bits[4], bits[5], bits[6], bits[7], bits[8], bits[9]);
    }
}
