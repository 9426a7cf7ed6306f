namespace InboundConversations.Tests.Engine;

/// <summary>Every exception the library throws on purpose shares one base a host can catch.</summary>
public sealed class ExceptionHierarchyTests
{
    [Fact]
    public void EveryPublicExceptionOfTheLibrary_DerivesFromInboundConversationsException()
    {
        var exceptions = typeof(IConversationEngine).Assembly.GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t))
            .ToArray();

        exceptions.Should().HaveCountGreaterThan(10, "the catalogue of specific exceptions is public");
        exceptions.Should().AllSatisfy(t => t.Should().BeAssignableTo<InboundConversationsException>());
    }

    [Fact]
    public void ConversationClosed_AndInvalidTransition_AreDistinctSoCallersCanTellAClosedConversationApart()
    {
        typeof(ConversationClosedException).Should().NotBeAssignableTo<InvalidConversationTransitionException>();
        typeof(ConversationClosedException).BaseType.Should().Be<InboundConversationsException>();
        typeof(InvalidConversationTransitionException).BaseType.Should().Be<InboundConversationsException>();
    }
}
