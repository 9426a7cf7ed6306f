using System.Buffers.Binary;
using InboundConversations.Internal.Domain;

namespace InboundConversations.Tests.Domain;

/// <summary>
/// The layout of the library's version 7 GUIDs (RFC 9562), read from their big-endian bytes: 48 bits of Unix
/// milliseconds, the version nibble 7, 12 random bits, the variant bits 10, 62 random bits.
/// </summary>
public sealed class TimeOrderedGuidTests
{
    private const int RandomBits = 74;

    [Fact]
    public void New_PutsTheUnixMillisecondsInTheFirst48Bits_ThenVersion7AndVariant10()
    {
        foreach (var now in new[]
        {
            DateTimeOffset.UnixEpoch,
            new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero),
            DateTimeOffset.MaxValue, // 0xE677D21FDBFF: the high bits of the 48 set
        })
        {
            for (var i = 0; i < 300; i++)
            {
                var bytes = TimeOrderedGuid.New(now).ToByteArray(bigEndian: true);

                var milliseconds = (long)BinaryPrimitives.ReadUInt64BigEndian(bytes) >>> 16;
                milliseconds.Should().Be(now.ToUnixTimeMilliseconds());
                (bytes[6] >> 4).Should().Be(7, "the version nibble");
                (bytes[8] >> 6).Should().Be(0b10, "the variant bits");
            }
        }
    }

    [Fact]
    public void New_InOneMillisecond_SetsEachOfThe74RandomBitsBothWays()
    {
        var now = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
        var seenSet = new bool[RandomBits];
        var seenClear = new bool[RandomBits];

        // 600 ids cross at least two refills of the per-thread buffer (256 ids each).
        for (var i = 0; i < 600; i++)
        {
            var random = RandomBitsOf(TimeOrderedGuid.New(now));
            for (var bit = 0; bit < RandomBits; bit++)
            {
                if (random[bit])
                {
                    seenSet[bit] = true;
                }
                else
                {
                    seenClear[bit] = true;
                }
            }
        }

        // Each bit is fixed in all 600 ids with probability 2^-599: a failure means the bit is not random.
        Enumerable.Range(0, RandomBits).Where(b => !seenSet[b] || !seenClear[b]).Should().BeEmpty("every random bit takes both values");
    }

    [Fact]
    public void New_ForLaterMilliseconds_SortsLater_AsBytesTextAndGuids()
    {
        var start = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 1_000).Select(i => TimeOrderedGuid.New(start.AddMilliseconds(i * 37))).ToList();

        for (var i = 1; i < ids.Count; i++)
        {
            ids[i].CompareTo(ids[i - 1]).Should().BePositive();
            string.CompareOrdinal(ids[i].ToString(), ids[i - 1].ToString()).Should().BePositive();
            ids[i].ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(ids[i - 1].ToByteArray(bigEndian: true)).Should().BePositive();
        }
    }

    [Fact]
    public void New_AfterWarmUp_AllocatesNothing_AcrossBufferRefills()
    {
        var now = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
        TimeOrderedGuid.New(now);
        var ids = new Guid[1_024];

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = TimeOrderedGuid.New(now);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0, "the per-thread random buffer is refilled in place, never reallocated");
        ids.Should().OnlyHaveUniqueItems();
    }

    /// <summary>The 74 random bits, in order: bits 52–63 (rand_a), then 66–127 (rand_b), of the big-endian bytes.</summary>
    private static bool[] RandomBitsOf(Guid id)
    {
        var bytes = id.ToByteArray(bigEndian: true);
        bool Bit(int index) => (bytes[index / 8] >> (7 - (index % 8)) & 1) == 1;
        return [.. Enumerable.Range(52, 12).Concat(Enumerable.Range(66, 62)).Select(Bit)];
    }
}
