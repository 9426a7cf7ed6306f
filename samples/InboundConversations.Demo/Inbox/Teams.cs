
namespace InboundConversations.Demo.Inbox;

/// <summary>The demo inbox's teams; each intent the workflow learns is routed to the team of the same name.</summary>
internal static class Teams
{
    public const string Sales = "sales";
    public const string Support = "support";
    public const string Billing = "billing";
}
