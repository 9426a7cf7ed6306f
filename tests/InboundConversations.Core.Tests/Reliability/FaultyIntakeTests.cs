using System.Collections.Concurrent;
using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InboundConversations.Tests.Reliability;

/// <summary>
/// Invariants 1, 3 and 8 under store faults: many contacts at once, redeliveries and bursts, closes, every call
/// retried by the host on an injected fault. Checked afterwards against the inner store.
/// </summary>
public sealed class FaultyIntakeTests(ITestOutputHelper output)
{
    private const int Contacts = 150;
    private const int MessagesPerContact = 6;

    [Theory]
    [InlineData(20261123)]
    [InlineData(4)]
    public async Task ManyContacts_UnderTransientDelayedAndLostReplyWrites_LoseAndDoubleNothing(int seed)
    {
        var inner = new InMemoryConversationStore();
        var plan = new FaultPlan(seed, new FaultRates(Transient: 0.15, Delay: 0.15, FailAfterCommit: 0.1));
        using var inbox = new TestInbox(build: b => b.UseConversationStore(_ => new FaultInjectingConversationStore(inner, plan)));
        var host = new HostRetry();
        var sent = new ConcurrentDictionary<string, IReadOnlyDictionary<string, ConversationId>>();

        await Concurrently.RunAsync(Contacts, async c => sent[$"contact-{c}"] = await ContactWritesAsync(inbox, host, $"contact-{c}"));

        plan.IsEnabled = false;
        var invariants = new StoreInvariants(inner, new InMemoryAgentDirectory());
        await invariants.MessagesAndOpeningsAsync(sent);
        plan.Total.Transient.Should().BePositive();
        plan.Total.FailedAfterCommit.Should().BePositive();
        output.WriteLine($"seed {seed}: {host.Calls} host calls, {host.Retries} retries; store {plan.Total}; {invariants.Checks} invariant checks");
    }

    /// <summary>One contact's traffic: a redelivery racing its original, a burst of two, closes between.</summary>
    private static async Task<IReadOnlyDictionary<string, ConversationId>> ContactWritesAsync(TestInbox inbox, HostRetry host, string contact)
    {
        var landed = new Dictionary<string, ConversationId>();
        for (var i = 0; i < MessagesPerContact; i += 2)
        {
            var (first, second) = (inbox.Message(contact, $"{contact}-m{i}"), inbox.Message(contact, $"{contact}-m{i + 1}"));
            var results = await Task.WhenAll(
                Task.Run(() => host.ReceiveAsync(inbox.Engine, first)),
                Task.Run(() => host.ReceiveAsync(inbox.Engine, first)),
                Task.Run(() => host.ReceiveAsync(inbox.Engine, second)));
            results[0].ConversationId.Should().Be(results[1].ConversationId, "a redelivery names the original's conversation");
            new[] { results[0].IsDuplicate, results[1].IsDuplicate }.Should().Contain(true, "one of the two deliveries was a redelivery");
            (landed[first.ExternalId], landed[second.ExternalId]) = (results[0].ConversationId, results[2].ConversationId);
            await host.CloseAsync(inbox.Engine, results[2].ConversationId);
        }

        return landed;
    }
}
