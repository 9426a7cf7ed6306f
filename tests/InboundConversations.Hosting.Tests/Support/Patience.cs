namespace InboundConversations.Hosting.Tests.Support;

/// <summary>How long a test waits for what must happen before it fails instead of hanging; never a sleep.</summary>
internal static class Patience
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
}
