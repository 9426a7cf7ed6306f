namespace InboundConversations;

/// <summary>The kinds of step of an inbound workflow run, in the order they run.</summary>
public enum WorkflowStepKind
{
    /// <summary>An enricher learning facts about the conversation or the contact.</summary>
    Enrich = 1,

    /// <summary>The router naming the responsible team.</summary>
    Route,

    /// <summary>The assigner picking an agent of that team.</summary>
    Assign,
}
