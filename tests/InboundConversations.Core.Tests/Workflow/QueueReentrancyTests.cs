using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.Workflow;

public sealed class QueueReentrancyTests
{
    /// <summary>
    /// A handler of ConversationAssigned that closes another conversation of the same team re-enters the queue drain
    /// that delivered its event: it must neither deadlock nor lose the drain its close asked for.
    /// </summary>
    [Fact]
    public async Task HandlerClosingDuringADrain_NeitherDeadlocksNorLosesTheDrain()
    {
        var closedByHandler = 0;
        TestInbox? inbox = null;
        inbox = WorkflowInbox.Create(
            w => w.DefaultTeam("support"),
            b => b.OnEvent<ConversationAssigned>(async (assigned, _) =>
            {
                // Close every conversation as soon as the queue hands it over: each close frees the agent again.
                if (Interlocked.Increment(ref closedByHandler) <= 3)
                {
                    await inbox!.CloseAsync(assigned.ConversationId);
                }
            }));
        using (inbox)
        {
            var queued = new List<ReceiveResult>();
            for (var i = 0; i < 4; i++)
            {
                queued.Add(await inbox.ReceiveAsync($"contact-{i}"));
            }

            await inbox.AddAgentAsync("ana", capacity: 1).WaitAsync(TimeSpan.FromSeconds(30));

            var states = await Task.WhenAll(queued.Select(r => inbox.Engine.GetConversationAsync(r.ConversationId).AsTask()));
            states.Take(3).Should().OnlyContain(c => c.State == ConversationState.Closed);
            states[3].State.Should().Be(ConversationState.Assigned);
            (await inbox.LoadOfAsync("ana")).Should().Be(1);
        }
    }
}
