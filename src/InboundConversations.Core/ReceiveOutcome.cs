namespace InboundConversations;

/// <summary>What <see cref="IConversationEngine.ReceiveAsync"/> did with an inbound message.</summary>
public enum ReceiveOutcome
{
    /// <summary>It joined the contact's open conversation.</summary>
    Appended = 1,

    /// <summary>The contact had no open conversation: this message opened a new one (source Contact).</summary>
    Opened,

    /// <summary>A redelivery of a message already recorded (same workspace, channel and external id): nothing was applied again.</summary>
    Duplicate,
}
