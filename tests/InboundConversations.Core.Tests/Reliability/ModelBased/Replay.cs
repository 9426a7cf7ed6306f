namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>Prints operations as C# expressions, so a failing sequence pastes into <c>ModelRunner.RunAsync([ … ])</c> to replay.</summary>
public static class Replay
{
    public static string ToCSharp(Operation operation) => operation switch
    {
        Inbound o => $"new Inbound({o.Contact}, \"{o.Channel}\", \"{o.ExternalId}\"),",
        Redelivery o => $"new Redelivery({o.Contact}, \"{o.Channel}\", \"{o.ExternalId}\"),",
        Burst o => $"new Burst({o.Contact}, \"{o.Channel}\", [{string.Join(", ", o.ExternalIds.Select(id => $"\"{id}\""))}]),",
        Reply o => $"new Reply({o.Contact}, ActorKind.{o.By}),",
        AgentReply o => $"new AgentReply({o.Contact}, \"{o.Agent}\"),",
        Snooze o => $"new Snooze({o.Contact}, {o.Seconds}, ActorKind.{o.By}),",
        Close o => $"new Close({o.Contact}),",
        AgentCloses o => $"new AgentCloses(\"{o.Agent}\"),",
        Presence o => $"new Presence(\"{o.Agent}\", AgentPresence.{o.To}),",
        Capacity o => $"new Capacity(\"{o.Agent}\", {o.To}),",
        Transfer o => $"new Transfer({o.Contact}, \"{o.Team}\"),",
        ManualAssign o => $"new ManualAssign({o.Contact}, \"{o.Agent}\"),",
        ManualUnassign o => $"new ManualUnassign({o.Contact}),",
        TakeOverDuringRun o => $"new TakeOverDuringRun({o.Contact}, \"{o.Channel}\", \"{o.ExternalId}\", RunTakeover.{o.Change}{Text(", Agent: ", o.Agent)}{Text(", Team: ", o.Team)}),",
        Backstop => "new Backstop(),",
        Clock o => $"new Clock({o.Seconds}),",
        _ => operation.ToString() ?? "",
    };

    private static string Text(string name, string? value) => value is null ? "" : $"{name}\"{value}\"";
}
