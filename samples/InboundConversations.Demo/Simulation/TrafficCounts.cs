namespace InboundConversations.Demo.Simulation;

/// <summary>What the simulation sent into the inbox, to check against what the inbox recorded.</summary>
internal sealed class TrafficCounts
{
    /// <summary>Contact messages delivered once (redeliveries not counted).</summary>
    public int Inbound { get; set; }

    /// <summary>Webhooks the providers delivered again, with the same external id.</summary>
    public int Redeliveries { get; set; }

    /// <summary>Redeliveries the inbox recognised (and applied nothing for).</summary>
    public int RecognisedRedeliveries { get; set; }

    public int Replies { get; set; }
}
