using InboundConversations.Hosting.Internal;

namespace InboundConversations.Hosting;

/// <summary>
/// Options of the background processing: <c>AddBackgroundProcessing(options =&gt; …)</c>, or bound,
/// <c>services.Configure&lt;BackgroundProcessingOptions&gt;(configuration.GetSection("InboundConversations:BackgroundProcessing"))</c>.
/// Validated when the host starts; a bad value stops it with an <c>OptionsValidationException</c> naming the option.
/// Read once, when the hosted service is created: a change of configuration takes effect at the next start.
/// </summary>
public sealed class BackgroundProcessingOptions
{
    /// <summary>
    /// The wait between the end of one pass and the start of the next: a pass never overlaps the one before, so a slow
    /// pass delays the next rather than doubling up. A timer fires at most this long (plus the pass's own time) after
    /// it is due. Default 30 seconds; from one second to one hour.
    /// </summary>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
