namespace InboundConversations.Storage;

/// <summary>What the store did with an inbound append; the engine reports it as <see cref="ReceiveOutcome"/>.</summary>
public enum InboundAppendOutcome
{
    /// <summary>It joined the contact's open conversation.</summary>
    Appended = 1,

    /// <summary>The contact had no open conversation: this message opened a new one (source Contact).</summary>
    Opened,

    /// <summary>A redelivery of a message already recorded (same workspace, channel and external id): nothing was applied again.</summary>
    Duplicate,
}
