using InboundConversations.Storage;

namespace InboundConversations.Tests.Reliability;

/// <summary>
/// The README's guarantees, checked against the inner (un-wrapped) stores once the faults have stopped. Counts every
/// check it makes, for the figures of docs/reliability.md.
/// </summary>
public sealed class StoreInvariants(IConversationStore conversations, IAgentDirectory agents)
{
    private static readonly CancellationToken None = CancellationToken.None;

    public int Checks { get; private set; }

    /// <summary>Every external id sent lands exactly once, in the conversation its (retried) receive reported; one open at most per contact.</summary>
    public async Task MessagesAndOpeningsAsync(IReadOnlyDictionary<string, IReadOnlyDictionary<string, ConversationId>> sentByContact)
    {
        foreach (var (contact, sent) in sentByContact)
        {
            var all = await conversations.ListByContactAsync(default, new ContactId(contact), None);
            all.Count(c => c.IsOpen).Should().BeLessThanOrEqualTo(1, $"contact {contact} has at most one open conversation");
            await conversations.Invoking(s => s.FindOpenAsync(default, new ContactId(contact), None).AsTask()).Should().NotThrowAsync();
            Checks += 2;

            var landed = new List<(string ExternalId, ConversationId In)>();
            foreach (var conversation in all)
            {
                var messages = await conversations.ListMessagesAsync(default, conversation.Id, None);
                landed.AddRange(messages.Where(m => m.Direction == MessageDirection.Inbound).Select(m => (m.ExternalId!, conversation.Id)));
            }

            landed.Select(l => l.ExternalId).Should().BeEquivalentTo(sent.Keys, $"contact {contact}'s messages are all there, none twice");
            Checks++;
            foreach (var (externalId, reported) in sent)
            {
                landed.Single(l => l.ExternalId == externalId).In.Should().Be(reported, $"{externalId} is where its receive said");
                Checks++;
            }
        }
    }

    /// <summary>
    /// With the faults stopped, closes every open conversation: then every run has ended and every agent's load is
    /// back to zero.
    /// </summary>
    public async Task AfterClosingEverythingAsync(IConversationEngine engine, IEnumerable<string> contacts, IEnumerable<string> agentIds)
    {
        var ids = new List<ConversationId>();
        foreach (var contact in contacts)
        {
            if (await conversations.FindOpenAsync(default, new ContactId(contact), None) is { } open)
            {
                await engine.CloseAsync(new CloseConversationRequest { ConversationId = open.Id, ClosedBy = Actor.Agent(open.Assignee ?? new AgentId("supervisor")) });
            }

            ids.AddRange((await conversations.ListByContactAsync(default, new ContactId(contact), None)).Select(c => c.Id));
        }

        foreach (var id in ids)
        {
            var run = await conversations.FindWorkflowRunAsync(default, id, None);
            run!.Status.Should().Be(WorkflowRunStatus.Completed, $"the run of closed conversation {id} has ended");
            run.EndedAt.Should().NotBeNull();
            Checks += 2;
        }

        foreach (var agent in agentIds)
        {
            (await agents.FindAsync(default, new AgentId(agent), None))!.OpenConversations.Should().Be(0, $"{agent} holds no open conversation");
            Checks++;
        }
    }

    /// <summary>
    /// Every contact-opened conversation has one finished run that agrees with it; enrichment steps are recorded once;
    /// every agent's load is the count of their open assigned conversations, within capacity, in the routed team.
    /// </summary>
    public async Task RunsAndLoadsAsync(IEnumerable<string> contacts, IEnumerable<string> agentIds)
    {
        var held = new Dictionary<AgentId, int>();
        foreach (var contact in contacts)
        {
            foreach (var conversation in await conversations.ListByContactAsync(default, new ContactId(contact), None))
            {
                var run = await conversations.FindWorkflowRunAsync(default, conversation.Id, None);
                run.Should().NotBeNull($"conversation {conversation.Id} was opened by its contact");
                run!.Status.Should().Be(
                    conversation.State == ConversationState.Queued ? WorkflowRunStatus.Queued : WorkflowRunStatus.Completed,
                    $"the run of {conversation.Id} agrees with its {conversation.State} conversation (a queued run left behind is ended on resume)");
                run.Attempts.Should().BeGreaterThanOrEqualTo(1);
                run.Steps.Where(s => s.Kind == WorkflowStepKind.Enrich).GroupBy(s => s.Name).Should().NotContain(g => g.Count() > 1, "an enrichment recorded is never run again");
                Checks += 4;
                if (conversation.IsOpen)
                {
                    conversation.State.Should().BeOneOf(ConversationState.Assigned, ConversationState.Queued);
                    Checks += 2;
                }

                if (conversation is { IsOpen: true, Assignee: { } agent })
                {
                    if (run.Status == WorkflowRunStatus.Completed)
                    {
                        run.Agent.Should().Be(agent);
                    }

                    var member = await agents.FindAsync(default, agent, None);
                    member!.Teams.Should().Contain(conversation.Team!.Value, "an assigned agent belongs to the routed team");
                    held[agent] = held.GetValueOrDefault(agent) + 1;
                    Checks += 2;
                }
            }
        }

        foreach (var id in agentIds.Select(a => new AgentId(a)))
        {
            var agent = await agents.FindAsync(default, id, None);
            agent!.OpenConversations.Should().Be(held.GetValueOrDefault(id), $"{id}'s load counts their open assigned conversations");
            agent.OpenConversations.Should().BeLessThanOrEqualTo(agent.Capacity);
            Checks += 2;
        }
    }
}
