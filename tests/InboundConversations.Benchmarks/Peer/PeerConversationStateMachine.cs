using MassTransit;

namespace InboundConversations.Benchmarks.Peer;

/// <summary>
/// Open → append → close as a MassTransit saga state machine: a contact's message opens the saga (Initially) or joins
/// it (During Open); an agent's reply joins it; a close finalizes it, and the repository removes the instance, so the
/// contact's next message opens a new conversation.
/// </summary>
public sealed class PeerConversationStateMachine : MassTransitStateMachine<PeerConversation>
{
    public PeerConversationStateMachine()
    {
        InstanceState(x => x.CurrentState, Open);

        Event(() => ContactMessage, e => e.CorrelateById(context => context.Message.ContactKey));
        Event(() => AgentReply, e => e.CorrelateById(context => context.Message.ContactKey));
        Event(() => Close, e => e.CorrelateById(context => context.Message.ContactKey));

        Initially(
            When(ContactMessage)
                .Then(context => context.Saga.Open(context.Message, DateTimeOffset.UtcNow))
                .TransitionTo(Open));

        During(Open,
            When(ContactMessage)
                .Then(context => context.Saga.Receive(context.Message, DateTimeOffset.UtcNow)),
            When(AgentReply)
                .Then(context => context.Saga.Reply(context.Message, DateTimeOffset.UtcNow)),
            When(Close)
                .Then(context => context.Saga.Close(context.Message, DateTimeOffset.UtcNow))
                .Finalize());

        SetCompletedWhenFinalized();
    }

    public State Open { get; private set; } = null!;

    public Event<PeerContactMessage> ContactMessage { get; private set; } = null!;

    public Event<PeerAgentReply> AgentReply { get; private set; } = null!;

    public Event<PeerClose> Close { get; private set; } = null!;
}
