using InboundConversations.Storage;
using InboundConversations.Workflow.Internal;

namespace InboundConversations.Workflow;

/// <summary>What an assigner reads, and the one call through which it reserves an agent.</summary>
public sealed class AssignmentContext : WorkflowContext
{
    private readonly IAgentDirectory _directory;
    private readonly IConversationStore _store;
    private readonly List<Agent> _reserved = [];
    private bool _sealed;

    /// <summary>Creates the context (the runner does; a test of an assigner may too).</summary>
    /// <param name="conversation">The conversation to assign.</param>
    /// <param name="firstMessage">Its first message, if any.</param>
    /// <param name="contact">The contact's profile.</param>
    /// <param name="facts">The facts enrichment learned.</param>
    /// <param name="team">The routed team.</param>
    /// <param name="now">The time of the assignment.</param>
    /// <param name="directory">Where agents are reserved.</param>
    /// <param name="store">Where the contact's earlier conversations are read (for sticky assignment).</param>
    public AssignmentContext(
        Conversation conversation,
        ConversationMessage? firstMessage,
        ContactProfile contact,
        IReadOnlyDictionary<string, string> facts,
        TeamId team,
        DateTimeOffset now,
        IAgentDirectory directory,
        IConversationStore store)
        : base(conversation, firstMessage, contact, facts)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(store);
        Team = team;
        Now = now;
        _directory = directory;
        _store = store;
    }

    /// <summary>The team the conversation was routed to: only its members can be reserved.</summary>
    public TeamId Team { get; }

    /// <summary>The time of the assignment.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The agents reserved through this context so far.</summary>
    public IReadOnlyList<Agent> Reserved => _reserved;

    /// <summary>
    /// Picks and reserves an available agent of <see cref="Team"/> for <see cref="WorkflowContext.Conversation"/>,
    /// atomically. Reserving the same agent again for it holds one unit; every reservation the decision does not keep
    /// is given back when the step ends.
    /// </summary>
    /// <param name="selection">How to pick.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The reserved agent, or <see langword="null"/> if none is available, or if the assignment step already ended
    /// (it timed out): a reservation made that late is given back at once.
    /// </returns>
    public async ValueTask<Agent?> ReserveAsync(AgentSelection selection, CancellationToken cancellationToken)
    {
        var agent = await _directory.ReserveAsync(Conversation.Workspace, Team, selection, ConversationVersion.Of(Conversation), Now, cancellationToken).ConfigureAwait(false);
        if (agent is null)
        {
            return null;
        }

        lock (_reserved)
        {
            if (!_sealed)
            {
                _reserved.Add(agent);
                return agent;
            }
        }

        await ReleaseLateAsync(agent).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Ends the step: returns what was reserved so far; anything reserved from now on is given back by
    /// <see cref="ReserveAsync"/> itself, so an assigner that outlives its step timeout cannot hold an agent.
    /// </summary>
    internal IReadOnlyList<Agent> Seal()
    {
        lock (_reserved)
        {
            _sealed = true;
            return [.. _reserved];
        }
    }

    private ValueTask ReleaseLateAsync(Agent agent) =>
        Reservations.SettleAsync(_directory, _store, Conversation.Workspace, agent.Id, ConversationVersion.Of(Conversation));

    /// <summary>The agent who handled the contact's most recent earlier conversation, if any (for sticky assignment).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>That agent's id, or <see langword="null"/>.</returns>
    public async ValueTask<AgentId?> FindPreviousAgentAsync(CancellationToken cancellationToken)
    {
        var history = await _store.ListByContactAsync(Conversation.Workspace, Conversation.Contact, cancellationToken).ConfigureAwait(false);
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].Id != Conversation.Id && history[i].Assignee is { } agent)
            {
                return agent;
            }
        }

        return null;
    }
}
