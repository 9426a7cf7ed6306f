namespace InboundConversations;

/// <summary>
/// Limits the engine enforces on input. Configure through
/// <c>services.AddInboundConversations(options => …)</c>; values are validated when the host starts (or when the
/// engine is first resolved), and a bad value stops it with an <c>OptionsValidationException</c>.
/// </summary>
public sealed class InboundConversationsOptions
{
    /// <summary>
    /// The longest message content accepted, in UTF-16 code units; longer content throws
    /// <see cref="MessageTooLargeException"/>. Default 16,384; from 1 to 1,048,576.
    /// </summary>
    public int MaxContentLength { get; set; } = 16_384;

    /// <summary>
    /// How far in the future a message's sent-at time may be, to tolerate clocks that disagree; further throws
    /// <see cref="MessageSentInFutureException"/>. Default 5 minutes; from zero to one day.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest closing category accepted. Default 128; from 1 to 4,096.</summary>
    public int MaxCategoryLength { get; set; } = 128;

    /// <summary>The longest closing notes accepted. Default 4,096; from 1 to 1,048,576.</summary>
    public int MaxNotesLength { get; set; } = 4_096;

    /// <summary>Checks every value; returns the problems found, empty when all are in range.</summary>
    internal IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(MaxContentLength is >= 1 and <= 1_048_576, nameof(MaxContentLength), "from 1 to 1,048,576", MaxContentLength);
        Check(MaxClockSkew >= TimeSpan.Zero && MaxClockSkew <= TimeSpan.FromDays(1), nameof(MaxClockSkew), "from zero to one day", MaxClockSkew);
        Check(MaxCategoryLength is >= 1 and <= 4_096, nameof(MaxCategoryLength), "from 1 to 4,096", MaxCategoryLength);
        Check(MaxNotesLength is >= 1 and <= 1_048_576, nameof(MaxNotesLength), "from 1 to 1,048,576", MaxNotesLength);
        return problems;

        void Check(bool ok, string name, string range, object value)
        {
            if (!ok)
            {
                problems.Add($"{nameof(InboundConversationsOptions)}.{name} must be {range}; it is {value}.");
            }
        }
    }
}
