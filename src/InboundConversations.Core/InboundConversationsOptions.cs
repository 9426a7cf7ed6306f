using System.ComponentModel.DataAnnotations;
using InboundConversations.Internal.Domain;

namespace InboundConversations;

/// <summary>
/// Limits the engine enforces on input. Configure through <c>services.AddInboundConversations(options => …)</c> or
/// bind them: <c>services.Configure&lt;InboundConversationsOptions&gt;(configuration.GetSection("InboundConversations"))</c>.
/// Values are validated when the host starts (or when the engine is first resolved); a value out of range stops it
/// with an <c>OptionsValidationException</c> naming the option.
/// </summary>
public sealed class InboundConversationsOptions
{
    /// <summary>
    /// The longest message content accepted, in UTF-16 code units; longer content throws
    /// <see cref="MessageTooLargeException"/>. Default 16,384; from 1 to 1,048,576.
    /// </summary>
    [Range(1, 1_048_576)]
    public int MaxContentLength { get; set; } = 16_384;

    /// <summary>
    /// How far in the future a message's sent-at time may be, to tolerate clocks that disagree; further throws
    /// <see cref="MessageSentInFutureException"/>. Default 5 minutes (<c>"00:05:00"</c>); from zero to one day.
    /// </summary>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest closing category accepted. Default 128; from 1 to 4,096.</summary>
    [Range(1, 4_096)]
    public int MaxCategoryLength { get; set; } = 128;

    /// <summary>The longest closing notes accepted. Default 4,096; from 1 to 1,048,576.</summary>
    [Range(1, 1_048_576)]
    public int MaxNotesLength { get; set; } = 4_096;
}
