namespace InboundConversations.Demo.Simulation;

/// <summary>What a contact does once the agent has answered their visit.</summary>
internal enum AfterReply
{
    /// <summary>The answer settles it: maybe a thanks, then the agent closes the conversation.</summary>
    Settled,

    /// <summary>The contact stops answering: the agent waits, and the inbox auto-closes the conversation.</summary>
    GoesQuiet,

    /// <summary>
    /// The contact needs to check something and says so: the agent snoozes the conversation, the contact's reply wakes
    /// it (well before the snooze ends), and the agent answers again and closes.
    /// </summary>
    ChecksBack,
}
