namespace InboundConversations.Demo.Simulation;

/// <summary>One of a contact's visits as the simulation plays it: one conversation, from the first message to the close.</summary>
internal sealed class Visit(PlannedContact contact, int index)
{
    public PlannedContact Contact { get; } = contact;

    public int Index { get; } = index;

    public Topic Topic => Contact.Visits[Index].Topic;

    public string Channel => Contact.Visits[Index].Channel;

    public AfterReply AfterReply => Contact.Visits[Index].AfterReply;

    public bool HasNext => Index + 1 < Contact.Visits.Count;

    public ConversationId Conversation { get; set; }

    public string? Agent { get; set; }

    public bool Replied { get; set; }

    /// <summary>What is said in this visit, drawn when the contact first writes.</summary>
    public Exchange? Exchange { get; set; }

    public bool Closed { get; set; }
}
