namespace InboundConversations.Demo.Inbox;

/// <summary>
/// The demo inbox's options: a conversation whose contact has not answered an agent for <see cref="AutoCloseAfter"/>
/// is closed by the library (<c>System:auto-close</c>, category <c>auto-closed</c>), which frees the agent's seat.
/// </summary>
internal static class DemoInboxOptions
{
    /// <summary>The shortest auto-close the library accepts: long enough for every contact who does answer.</summary>
    public static readonly TimeSpan AutoCloseAfter = TimeSpan.FromMinutes(30);

    public static void Configure(InboundConversationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AutoCloseAfter = AutoCloseAfter;
    }
}
