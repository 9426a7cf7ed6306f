using System.Globalization;
using System.Runtime.InteropServices;
using InboundConversations.Benchmarks.Setup;

namespace InboundConversations.Benchmarks.Retained;

/// <summary>
/// Goal 5: bytes retained per open conversation, with 100,000 conversations open. GC.GetTotalMemory(true) is read
/// after the inbox is built (agents registered, code paths warmed up) and again once the conversations are open
/// and every input object is unreachable. Each conversation is opened by one contact message; all messages share
/// one content string, so content is excluded. Ids (contact ids, external ids) are counted: the store keeps them.
/// </summary>
public static class RetainedMemory
{
    public const int Conversations = 100_000;

    public static async Task RunAsync(TextWriter output)
    {
        output.WriteLine($"Retained memory per open conversation ({Conversations:N0} open; content excluded)");
        output.WriteLine($".NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, server GC: {System.Runtime.GCSettings.IsServerGC}");
        output.WriteLine();
        output.WriteLine("| engine | retained | per open conversation |");
        output.WriteLine("|---|---:|---:|");
        foreach (var withWorkflow in new[] { true, false })
        {
            var (total, state) = await MeasureAsync(withWorkflow);
            var label = withWorkflow ? "inbound workflow (enrich, route, assign)" : "no workflow";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label}, conversations {state} | {total / 1024.0 / 1024.0:N1} MiB | {total / (double)Conversations:N0} B |"));
        }
    }

    private static async Task<(long Total, string State)> MeasureAsync(bool withWorkflow)
    {
        // 1,000 agents of capacity 100: every conversation can be assigned.
        await using var inbox = await EngineInbox.CreateAsync(agents: 1_000, capacity: 100, withWorkflow);
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await OpenAsync(inbox, "warm-up", 100, sentAt);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        await OpenAsync(inbox, "contact", Conversations, sentAt);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var sample = await inbox.Engine.FindOpenConversationAsync(new ContactId("contact-000042"))
            ?? throw new InvalidOperationException("the conversation is not open");
        GC.KeepAlive(inbox);
        return (after - before, sample.State.ToString());
    }

    private static async Task OpenAsync(EngineInbox inbox, string prefix, int count, DateTimeOffset sentAt)
    {
        for (var i = 0; i < count; i++)
        {
            var message = Workload.Inbound(new ContactId($"{prefix}-{i:D6}"), $"{prefix}-open-{i}", Workload.FirstMessage, sentAt);
            var result = await inbox.Engine.ReceiveAsync(message);
            if (!result.OpenedConversation)
            {
                throw new InvalidOperationException($"{prefix} {i} already had an open conversation");
            }
        }
    }
}
