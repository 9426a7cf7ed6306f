namespace InboundConversations.Workflow;

/// <summary>Well-known fact keys the shipped steps write; hosts may use any other keys too.</summary>
public static class WorkflowFacts
{
    /// <summary>The conversation's purpose, for example <c>billing</c> (written by the keyword-intent enricher).</summary>
    public const string Intent = "intent";

    /// <summary>The contact's language, for example <c>es</c>.</summary>
    public const string Language = "language";
}
