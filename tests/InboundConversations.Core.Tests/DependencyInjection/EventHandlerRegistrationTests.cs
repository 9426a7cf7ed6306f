using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Tests.DependencyInjection;

public sealed class EventHandlerRegistrationTests
{
    [Fact]
    public async Task AddEventHandlerOfT_WhenTheHostRegisteredTheHandler_DeliversToThatInstance()
    {
        var mine = new RecordingEventHandler();
        using var inbox = new TestInbox(
            services: s => s.AddSingleton(mine),
            build: b => b.AddEventHandler<RecordingEventHandler>().AddEventHandler<RecordingEventHandler>());

        await inbox.ReceiveAsync();

        mine.Events.OfType<ConversationOpened>().Should().ContainSingle("the host's instance is the handler, added once");
    }

    [Fact]
    public async Task AddEventHandler_WithAnInstance_DeliversToIt()
    {
        var mine = new RecordingEventHandler();
        using var inbox = new TestInbox(build: b => b.AddEventHandler(mine));

        await inbox.ReceiveAsync();

        mine.Events.Should().HaveCount(2);
    }
}
