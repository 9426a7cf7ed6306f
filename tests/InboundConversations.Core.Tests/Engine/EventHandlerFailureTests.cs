using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboundConversations.Tests.Engine;

/// <summary>A handler that throws is logged; it neither undoes the change nor stops the other handlers.</summary>
public sealed class EventHandlerFailureTests : IDisposable
{
    private readonly List<ConversationEvent> _after = [];
    private readonly TestInbox _inbox;

    public EventHandlerFailureTests()
    {
        _inbox = new TestInbox(
            build: b => b.AddEventHandler<ThrowingEventHandler>().OnEvent<ConversationEvent>((e, _) =>
            {
                lock (_after)
                {
                    _after.Add(e);
                }

                return ValueTask.CompletedTask;
            }),
            services: FakeLogging.Add);
    }

    [Fact]
    public async Task ThrowingHandler_IsLoggedAsErrorNamingHandlerEventConversationAndExceptionType_NotTheException()
    {
        var result = await _inbox.ReceiveAsync();

        var failures = _inbox.Logs().Where(r => r.Level == LogLevel.Error).ToArray();
        failures.Should().HaveCount(2, "one per event: ConversationOpened and MessageReceived");
        failures.Should().AllSatisfy(r =>
        {
            r.Exception.Should().BeNull("the exception's message may quote content: only its type is logged");
            r.Message.Should().Contain(nameof(ThrowingEventHandler)).And.Contain(result.ConversationId.ToString())
                .And.Contain(nameof(InvalidOperationException));
        });
        failures.Select(r => r.Message).Should().SatisfyRespectively(
            m => m.Should().Contain(nameof(ConversationOpened)),
            m => m.Should().Contain(nameof(MessageReceived)));
    }

    [Fact]
    public async Task ThrowingClassHandler_IsLoggedByItsFullTypeName()
    {
        var result = await _inbox.ReceiveAsync();

        _inbox.Logs().Where(r => r.Level == LogLevel.Error).Select(r => r.Message).Should().Contain(
            $"Event handler {typeof(ThrowingEventHandler).FullName} failed on {nameof(ConversationOpened)} of conversation {result.ConversationId} ({nameof(InvalidOperationException)}); the change stays stored");
    }

    [Fact]
    public async Task ThrowingHandler_DoesNotUndoTheChange()
    {
        var result = await _inbox.ReceiveAsync();
        await _inbox.CloseAsync(result.ConversationId);

        _inbox.Services.GetThrowingHandler().Calls.Should().Be(3);
        (await _inbox.Engine.GetConversationAsync(result.ConversationId)).State.Should().Be(ConversationState.Closed);
        (await _inbox.Engine.GetMessagesAsync(result.ConversationId)).Should().ContainSingle().Which.Id.Should().Be(result.MessageId);
    }

    [Fact]
    public async Task ThrowingHandler_DoesNotStopHandlersRegisteredBeforeOrAfterIt()
    {
        var result = await _inbox.ReceiveAsync();
        await _inbox.SendAsync(result.ConversationId);

        _inbox.Events.Select(e => e.GetType()).Should().Equal(typeof(ConversationOpened), typeof(MessageReceived), typeof(MessageSent));
        _after.Should().Equal(_inbox.Events);
    }

    [Fact]
    public async Task ThrowingDelegateHandler_IsLoggedByItsEventTypeRegistrationNumberAndMethod()
    {
        using var inbox = new TestInbox(
            build: b => b
                .OnEvent<MessageReceived>((_, _) => ValueTask.CompletedTask)
                .OnEvent<ConversationOpened>(FailOnOpenedAsync),
            services: FakeLogging.Add);

        await inbox.ReceiveAsync();

        var failure = inbox.Logs().Should().ContainSingle(r => r.Level == LogLevel.Error).Which;
        failure.Message.Should().Contain($"OnEvent<{nameof(ConversationOpened)}> #2")
            .And.Contain($"{typeof(EventHandlerFailureTests).FullName}.{nameof(FailOnOpenedAsync)}")
            .And.NotContain("DelegateEventHandler");
    }

    private static ValueTask FailOnOpenedAsync(ConversationOpened opened, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("a handler that fails");

    public void Dispose() => _inbox.Dispose();
}
