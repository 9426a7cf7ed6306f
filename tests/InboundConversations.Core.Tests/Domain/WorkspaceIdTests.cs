namespace InboundConversations.Tests.Domain;

/// <summary>A single-business host uses the default workspace without ever naming it.</summary>
public sealed class WorkspaceIdTests
{
    [Fact]
    public void Default_EqualsTheWorkspaceNamedDefault()
    {
        var named = new WorkspaceId("default");

        default(WorkspaceId).Should().Be(named);
        WorkspaceId.Default.Should().Be(named);
        default(WorkspaceId).GetHashCode().Should().Be(named.GetHashCode());
        default(WorkspaceId).Value.Should().Be("default");
        default(WorkspaceId).ToString().Should().Be("default");
    }

    [Fact]
    public void NamedWorkspaces_DifferFromDefaultAndFromEachOther()
    {
        new WorkspaceId("acme").Should().NotBe(WorkspaceId.Default);
        new WorkspaceId("acme").Should().NotBe(new WorkspaceId("globex"));
        new WorkspaceId("Default").Should().NotBe(WorkspaceId.Default, "comparison is ordinal");
        new WorkspaceId("acme").Value.Should().Be("acme");
    }
}
