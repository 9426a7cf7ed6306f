namespace InboundConversations.Tests.Domain;

/// <summary>Actors: who did something to a conversation.</summary>
public sealed class ActorTests
{
    [Fact]
    public void Agent_WithDefaultAgentId_ThrowsInvalidIdentifier() =>
        FluentActions.Invoking(() => Actor.Agent(default)).Should().ThrowExactly<InvalidIdentifierException>()
            .Which.IdentifierKind.Should().Be(nameof(AgentId));

    [Fact]
    public void Contact_WithDefaultContactId_ThrowsInvalidIdentifier() =>
        FluentActions.Invoking(() => Actor.Contact(default)).Should().ThrowExactly<InvalidIdentifierException>();

    [Fact]
    public void Api_WithMalformedClientName_ThrowsInvalidIdentifier() =>
        FluentActions.Invoking(() => Actor.Api("  ")).Should().ThrowExactly<InvalidIdentifierException>();

    [Fact]
    public void Default_HasKindNone()
    {
        default(Actor).Kind.Should().Be(ActorKind.None);
        default(Actor).Id.Should().BeNull();
    }

    [Fact]
    public void Factories_SetKindAndId()
    {
        Actor.Agent(new AgentId("a-1")).Should().Match<Actor>(a => a.Kind == ActorKind.Agent && a.Id == "a-1");
        Actor.Contact(new ContactId("c-1")).Should().Match<Actor>(a => a.Kind == ActorKind.Contact && a.Id == "c-1");
        Actor.Api().Should().Match<Actor>(a => a.Kind == ActorKind.Api && a.Id == null);
        Actor.Workflow("wf").Should().Match<Actor>(a => a.Kind == ActorKind.Workflow && a.Id == "wf");
    }
}
