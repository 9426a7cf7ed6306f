namespace InboundConversations.Tests.Domain;

/// <summary>Actors: who did something to a conversation.</summary>
public sealed class ActorTests
{
    [Fact]
    public void Agent_WithDefaultAgentId_ThrowsInvalidIdentifierSayingItIsMissing() =>
        FluentActions.Invoking(() => Actor.Agent(default)).Should().ThrowExactly<InvalidIdentifierException>()
            .WithMessage("The AgentId is not valid: it is missing (the default value).")
            .Which.Field.Should().Be(nameof(AgentId));

    [Fact]
    public void Contact_WithDefaultContactId_ThrowsInvalidIdentifier() =>
        FluentActions.Invoking(() => Actor.Contact(default)).Should().ThrowExactly<InvalidIdentifierException>();

    [Fact]
    public void Api_WithMalformedClientName_ThrowsInvalidIdentifierNamingApiClient() =>
        FluentActions.Invoking(() => Actor.Api("  ")).Should().ThrowExactly<InvalidIdentifierException>()
            .Which.Field.Should().Be("ApiClient");

    [Fact]
    public void Workflow_WithMalformedName_ThrowsInvalidIdentifierNamingWorkflowName() =>
        FluentActions.Invoking(() => Actor.Workflow("bad\u0001name")).Should().ThrowExactly<InvalidIdentifierException>()
            .Which.Field.Should().Be("WorkflowName");

    [Fact]
    public void ToString_IsTheKind_ThenColonAndTheIdWhenThereIsOne()
    {
        Actor.Api().ToString().Should().Be("Api");
        Actor.Workflow().ToString().Should().Be("Workflow");
        default(Actor).ToString().Should().Be("None");
        Actor.Api("crm").ToString().Should().Be("Api:crm");
        Actor.Agent(new AgentId("a-1")).ToString().Should().Be("Agent:a-1");
        Actor.Contact(new ContactId("+15551234567")).ToString().Should().Be("Contact:+15551234567");
    }

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
