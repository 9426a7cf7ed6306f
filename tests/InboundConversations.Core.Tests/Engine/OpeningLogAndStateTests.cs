using InboundConversations.Tests.Support;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Tests.Engine;

/// <summary>
/// Without a workflow, a conversation a contact's message opens starts unassigned; every opening, by a message or
/// explicit, is logged (event 1) with its id, workspace, source and state.
/// </summary>
public sealed class OpeningLogAndStateTests : IDisposable
{
    private readonly TestInbox _inbox = new(services: FakeLogging.Add);

    [Fact]
    public async Task Receive_WithoutAWorkflow_OpensAnUnassignedConversation_AndLogsTheOpening()
    {
        var received = await _inbox.ReceiveAsync("c1");

        (await _inbox.Engine.GetConversationAsync(received.ConversationId)).State.Should().Be(ConversationState.Unassigned);
        Opening().Should().Be($"Conversation {received.ConversationId} opened in workspace {WorkspaceId.Default} (source Contact, state Unassigned)");
    }

    [Fact]
    public async Task ExplicitOpen_LogsTheOpeningWithItsSourceAndState()
    {
        var opened = await _inbox.OpenAsync(Actor.Agent(new AgentId("ana")));

        Opening().Should().Be($"Conversation {opened.Id} opened in workspace {WorkspaceId.Default} (source Agent, state Unassigned)");
    }

    public void Dispose() => _inbox.Dispose();

    private string Opening()
    {
        var opening = _inbox.Logs().Should().ContainSingle(r => r.Id.Id == 1).Which;
        opening.Level.Should().Be(LogLevel.Information);
        return opening.Message;
    }
}
