using InboundConversations.Tests.Support;

namespace InboundConversations.Tests.Engine;

/// <summary>Invariant 6 at the engine: closing records the closure; closed is terminal; the next message opens a new conversation.</summary>
public sealed class CloseTests : IDisposable
{
    private readonly TestInbox _inbox = new();

    [Fact]
    public async Task Close_RecordsWhoClosedItWhenAndWhy()
    {
        var opened = await _inbox.ReceiveAsync();
        _inbox.Clock.Advance(TimeSpan.FromMinutes(3));
        var closer = Actor.Agent(new AgentId("agent-7"));

        var closed = await _inbox.Engine.CloseAsync(new CloseConversationRequest
        {
            ConversationId = opened.ConversationId,
            ClosedBy = closer,
            Category = "refund-issued",
            Notes = "Refunded order 123",
        });

        closed.State.Should().Be(ConversationState.Closed);
        closed.IsOpen.Should().BeFalse();
        closed.Closure.Should().Be(new ConversationClosure(closer, TestInbox.Start.AddMinutes(3), "refund-issued", "Refunded order 123"));
        closed.Version.Should().Be(2);
        (await _inbox.Engine.GetConversationAsync(opened.ConversationId)).Should().Be(closed);
    }

    [Theory]
    [InlineData(ActorKind.Api)]
    [InlineData(ActorKind.Workflow)]
    public async Task Close_ByApiOrWorkflow_IsAllowed(ActorKind kind)
    {
        var opened = await _inbox.ReceiveAsync();
        var closer = kind == ActorKind.Api ? Actor.Api("backoffice") : Actor.Workflow("auto-close");

        var closed = await _inbox.Engine.CloseAsync(new CloseConversationRequest { ConversationId = opened.ConversationId, ClosedBy = closer });

        closed.Closure!.ClosedBy.Kind.Should().Be(kind);
    }

    [Fact]
    public async Task Receive_AfterClose_OpensNewConversationWithNewIdAndOldStaysClosed()
    {
        var first = await _inbox.ReceiveAsync();
        var closed = await _inbox.CloseAsync(first.ConversationId);
        _inbox.Clock.Advance(TimeSpan.FromMinutes(1));

        var next = await _inbox.ReceiveAsync();

        next.OpenedConversation.Should().BeTrue();
        next.ConversationId.Should().NotBe(first.ConversationId);
        (await _inbox.Engine.GetConversationAsync(first.ConversationId)).Should().Be(closed);
        (await _inbox.Engine.GetMessagesAsync(first.ConversationId)).Should().ContainSingle();
        (await _inbox.Engine.GetMessagesAsync(next.ConversationId)).Should().ContainSingle().Which.Sequence.Should().Be(1);
        (await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact())).Select(c => c.Id)
            .Should().Equal(first.ConversationId, next.ConversationId);
    }

    [Fact]
    public async Task ClosedConversation_NeverReopens_WhateverHappensToTheContactAfterwards()
    {
        var first = await _inbox.ReceiveAsync();
        var closed = await _inbox.CloseAsync(first.ConversationId);

        for (var cycle = 0; cycle < 3; cycle++)
        {
            var next = await _inbox.ReceiveAsync();
            await _inbox.ReceiveAsync();
            await _inbox.CloseAsync(next.ConversationId);
        }

        await _inbox.OpenAsync(Actor.Agent(new AgentId("agent-1")));
        await _inbox.Invoking(i => i.SendAsync(first.ConversationId).AsTask()).Should().ThrowAsync<ConversationClosedException>();
        await _inbox.Invoking(i => i.CloseAsync(first.ConversationId).AsTask()).Should().ThrowAsync<ConversationClosedException>();

        (await _inbox.Engine.GetConversationAsync(first.ConversationId)).Should().Be(closed);
        (await _inbox.Engine.GetMessagesAsync(first.ConversationId)).Should().ContainSingle();
        var all = await _inbox.Engine.GetContactConversationsAsync(TestInbox.Contact());
        all.Should().HaveCount(5);
        all.Select(c => c.Id).Should().OnlyHaveUniqueItems();
        all.Should().ContainSingle(c => c.IsOpen);
    }

    [Fact]
    public async Task Close_ConcurrentlyManyTimes_ClosesOnceAndTheOthersThrowConversationClosed()
    {
        var opened = await _inbox.ReceiveAsync();

        var outcomes = await Concurrently.RunAsync(20, async i =>
        {
            try
            {
                await _inbox.CloseAsync(opened.ConversationId, agent: $"agent-{i}");
                return "closed";
            }
            catch (ConversationClosedException)
            {
                return "already closed";
            }
        });

        outcomes.Should().ContainSingle(o => o == "closed").And.HaveCount(20);
        _inbox.Events.OfType<ConversationClosed>().Should().ContainSingle();
        (await _inbox.Engine.GetConversationAsync(opened.ConversationId)).Version.Should().Be(2, "exactly one close was stored");
    }

    public void Dispose() => _inbox.Dispose();
}
