namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>Prints operations as C# expressions, so a failing sequence pastes into <c>ModelRunner.RunAsync([ … ])</c> to replay.</summary>
public static class Replay
{
    public static string ToCSharp(Operation operation) => operation switch
    {
        Inbound o => $"new Inbound({o.Contact}, \"{o.Channel}\", \"{o.ExternalId}\"),",
        Redelivery o => $"new Redelivery({o.Contact}, \"{o.Channel}\", \"{o.ExternalId}\"),",
        Burst o => $"new Burst({o.Contact}, \"{o.Channel}\", [{string.Join(", ", o.ExternalIds.Select(id => $"\"{id}\""))}]),",
        Reply o => $"new Reply({o.Contact}),",
        Close o => $"new Close({o.Contact}),",
        AgentCloses o => $"new AgentCloses(\"{o.Agent}\"),",
        Presence o => $"new Presence(\"{o.Agent}\", AgentPresence.{o.To}),",
        Capacity o => $"new Capacity(\"{o.Agent}\", {o.To}),",
        Transfer o => $"new Transfer({o.Contact}, \"{o.Team}\"),",
        _ => operation.ToString() ?? "",
    };
}
