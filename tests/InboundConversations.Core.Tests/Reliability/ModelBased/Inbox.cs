namespace InboundConversations.Tests.Reliability.ModelBased;

/// <summary>The fixed shape of the inbox the sequences run in: teams, agents and routing.</summary>
public static class ModelInbox
{
    public const string Alpha = "alpha";
    public const string Beta = "beta";

    public static readonly string[] Channels = ["whatsapp", "email", "webchat"];

    /// <summary>Agents with their teams and starting capacity; "dana" is in both teams.</summary>
    public static readonly (string Agent, string[] Teams, int Capacity)[] Agents =
    [
        ("ana", [Alpha], 8),
        ("bo", [Alpha], 4),
        ("cy", [Alpha], 10),
        ("dana", [Alpha, Beta], 6),
        ("eve", [Beta], 4),
        ("finn", [Beta], 8),
    ];

    /// <summary>The routing both the engine and the model use: e-mail to beta, everything else to alpha.</summary>
    public static string TeamFor(string channel) => channel == "email" ? Beta : Alpha;
}
