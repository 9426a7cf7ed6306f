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

    /// <summary>
    /// Auto-close of inactive conversations (respond.io's rule): a conversation whose last human message came from an
    /// agent, with no reply from the contact for this long, is closed by the system (<see cref="Actor.System"/>
    /// <c>auto-close</c>) with <see cref="AutoCloseCategory"/>. Each agent's message re-arms it; the contact's message
    /// cancels it; messages by a workflow, the API or the system neither start nor re-arm it; a snoozed conversation is
    /// never auto-closed. Default <see langword="null"/> (off); from 30 minutes to 14 days.
    /// </summary>
    [TimeSpanRange("00:30:00", "14.00:00:00")]
    public TimeSpan? AutoCloseAfter { get; set; }

    /// <summary>The closure category of an auto-close. Default <c>auto-closed</c>; 1 to 128 characters.</summary>
    [Required]
    [StringLength(128, MinimumLength = 1)]
    public string AutoCloseCategory { get; set; } = "auto-closed";

    /// <summary>
    /// The furthest ahead a snooze may end (<see cref="SnoozeConversationRequest.Until"/>). Default 30 days; from one
    /// minute to 365 days.
    /// </summary>
    [TimeSpanRange("00:01:00", "365.00:00:00")]
    public TimeSpan MaxSnooze { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long <see cref="IConversationEngine.ProcessDueAsync"/> holds its claim on a due timer while it fires it: another
    /// process fires a timer only once the claim has lapsed (its claimant died). Default one minute; from one second to
    /// one hour.
    /// </summary>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan TimerLease { get; set; } = TimeSpan.FromMinutes(1);
}
