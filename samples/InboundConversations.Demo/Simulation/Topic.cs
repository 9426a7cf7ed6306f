namespace InboundConversations.Demo.Simulation;

/// <summary>What a contact writes about. The simulation knows it; the inbox has to learn it from the words.</summary>
internal enum Topic
{
    Sales,
    Support,
    Billing,

    /// <summary>A greeting with no keyword: the workflow learns no intent and the rules' fallback team takes it.</summary>
    Unclear,
}

/// <summary>The languages the simulated contacts write in.</summary>
internal enum Language
{
    English,
    Spanish,
}
