using Xunit;

namespace InboundConversations.Testing;

public abstract partial class AgentDirectoryContract
{
    /// <summary>A null registration or stale reservation is an argument error, not a storage error.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Calls_WithANullRequest_ThrowArgumentNull()
    {
        var directory = CreateDirectory();

        await Assert.ThrowsAsync<ArgumentNullException>(() => directory.RegisterAsync(null!, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => directory.ReleaseStaleAsync(null!, CancellationToken.None).AsTask());
    }

    /// <summary>
    /// The default agent id names nobody: registering it, changing it or releasing for it throws an invalid identifier
    /// naming <see cref="AgentId"/> (not "agent not found"), and stores nothing.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Calls_WithTheDefaultAgentId_ThrowInvalidIdentifierAndStoreNothing()
    {
        var directory = CreateDirectory();
        var team = Samples.NewTeam();

        var register = await Assert.ThrowsAsync<InvalidIdentifierException>(() =>
            directory.RegisterAsync(new AgentRegistration { Agent = default, Teams = [team], Capacity = 1, InitialPresence = AgentPresence.Online }, CancellationToken.None).AsTask());
        var presence = await Assert.ThrowsAsync<InvalidIdentifierException>(() => directory.SetPresenceAsync(default, default, AgentPresence.Online, CancellationToken.None).AsTask());
        var capacity = await Assert.ThrowsAsync<InvalidIdentifierException>(() => directory.SetCapacityAsync(default, default, 2, CancellationToken.None).AsTask());
        var release = await Assert.ThrowsAsync<InvalidIdentifierException>(() => directory.ReleaseAsync(default, default, StoreSamples.NewConversation(), CancellationToken.None).AsTask());

        Assert.All([register, presence, capacity, release], e => Assert.Equal(nameof(AgentId), e.Field));
        Assert.All([register, presence, capacity, release], e => Assert.Equal("The AgentId is not valid: it is missing (the default value).", e.Message));
        Assert.Empty(await directory.ListTeamMembersAsync(default, team, CancellationToken.None));
    }

    /// <summary>
    /// A registration without a team, or with the default team id among its teams, is refused naming
    /// <see cref="AgentRegistration.Teams"/> and saying why, and stores nothing.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Register_WithNoTeamOrAnEmptyTeamId_ThrowsInvalidRequestNamingTeamsAndStoresNothing()
    {
        var directory = CreateDirectory();
        var team = Samples.NewTeam();
        var a = Samples.NewAgent();

        foreach (var teams in new IReadOnlyList<TeamId>?[] { null, [], [default], [team, default] })
        {
            var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
                directory.RegisterAsync(new AgentRegistration { Agent = a, Teams = teams!, Capacity = 1, InitialPresence = AgentPresence.Online }, CancellationToken.None).AsTask());

            Assert.Equal(nameof(AgentRegistration.Teams), refused.Field);
            Assert.Equal("The request's Teams is not valid: an agent belongs to at least one team, and every team id is required.", refused.Message);
        }

        Assert.Null(await directory.FindAsync(default, a, CancellationToken.None));
        Assert.Empty(await directory.ListTeamMembersAsync(default, team, CancellationToken.None));
    }

    /// <summary>
    /// A presence that is not an <see cref="AgentPresence"/> is refused on registration and on change, naming the
    /// field or parameter and the value, and changes nothing: the refused registration stores no agent.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public virtual async Task Presence_Undefined_ThrowsInvalidRequestNamingTheValueAndChangesNothing()
    {
        var directory = CreateDirectory();
        var (team, a) = await TeamOfOneAsync(directory, capacity: 2, presence: AgentPresence.Away);
        var fresh = Samples.NewAgent();

        var register = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            directory.RegisterAsync(new AgentRegistration { Agent = fresh, Teams = [team], Capacity = 1, InitialPresence = (AgentPresence)9 }, CancellationToken.None).AsTask());
        var change = await Assert.ThrowsAsync<InvalidRequestException>(() => directory.SetPresenceAsync(default, a, (AgentPresence)9, CancellationToken.None).AsTask());

        Assert.Equal(nameof(AgentRegistration.InitialPresence), register.Field);
        Assert.Equal("The request's InitialPresence is not valid: 9 is not an AgentPresence.", register.Message);
        Assert.Equal("presence", change.Field);
        Assert.Equal("The request's presence is not valid: 9 is not an AgentPresence.", change.Message);
        Assert.Null(await directory.FindAsync(default, fresh, CancellationToken.None));
        Assert.Equal(AgentPresence.Away, (await directory.FindAsync(default, a, CancellationToken.None))?.Presence);
        Assert.Equal([a], (await directory.ListTeamMembersAsync(default, team, CancellationToken.None)).Select(m => m.Id));
    }
}
