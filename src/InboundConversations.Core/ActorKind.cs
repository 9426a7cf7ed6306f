namespace InboundConversations;

/// <summary>Who acts on a conversation.</summary>
public enum ActorKind
{
    /// <summary>No actor: the <c>default</c> value, rejected wherever an actor is required.</summary>
    None = 0,

    /// <summary>The contact (the customer) writing in.</summary>
    Contact,

    /// <summary>An agent: a human working in the inbox.</summary>
    Agent,

    /// <summary>An automated workflow of this library or the host.</summary>
    Workflow,

    /// <summary>The host's own API or back-office code.</summary>
    Api,

    /// <summary>
    /// The system rather than a person: the library acting on a timer (an auto-close, a queue timeout's fallback, as
    /// <c>System:auto-close</c> and <c>System:queue-timeout</c>), or the host's own automation speaking as the system.
    /// Like the API and a workflow, it may send, close, assign, transfer and snooze; its messages never arm an auto-close.
    /// </summary>
    System,
}
