using InboundConversations.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboundConversations.Tests.Workflow;

public sealed class WorkflowTriggerTests
{
    private static OpenConversationRequest AgentOpen(string contact = "contact-1") => new()
    {
        Contact = new ContactId(contact),
        Channel = new ChannelId("webchat"),
        OpenedBy = Actor.Agent(new AgentId("ana")),
    };

    [Fact]
    public async Task AgentOpenedConversation_ByDefault_StartsNoWorkflow()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"));
        await inbox.AddAgentAsync("bob");

        var opened = await inbox.Engine.OpenAsync(AgentOpen());

        opened.Source.Should().Be(ConversationSource.Agent);
        opened.State.Should().Be(ConversationState.Unassigned);
        (await inbox.Engine.FindWorkflowRunAsync(opened.Id)).Should().BeNull();
        (await inbox.LoadOfAsync("bob")).Should().Be(0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public void Sources_WithAnUndefinedSource_StopTheEngineNamingIt(int source)
    {
        var act = () => WorkflowInbox.Create(w => w.DefaultTeam("support"), options: o => o.Sources = [ConversationSource.Contact, (ConversationSource)source]);

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain($"{source} is not a ConversationSource");
    }

    [Fact]
    public async Task AgentOpenedConversation_WhenTheWorkflowAsksForUserSources_RunsIt()
    {
        using var inbox = WorkflowInbox.Create(w => w.DefaultTeam("support"), options: o => o.Sources = [ConversationSource.Contact, ConversationSource.Agent]);
        await inbox.AddAgentAsync("bob");

        var opened = await inbox.Engine.OpenAsync(AgentOpen());

        opened.State.Should().Be(ConversationState.Assigned);
        (await inbox.RunOfAsync(opened.Id)).Status.Should().Be(WorkflowRunStatus.Completed);
    }

    [Fact]
    public async Task ContactMessage_OnAChannelTheConditionsExclude_IsNotApplicableAndLeftUnassigned()
    {
        using var inbox = WorkflowInbox.Create(w => w.WhenChannel("email").DefaultTeam("support"));
        await inbox.AddAgentAsync("bob");

        var received = await inbox.ReceiveAsync();

        (await inbox.ConversationOfAsync(received)).State.Should().Be(ConversationState.Unassigned);
        (await inbox.RunOfAsync(received.ConversationId)).Status.Should().Be(WorkflowRunStatus.NotApplicable);
        (await inbox.LoadOfAsync("bob")).Should().Be(0);
    }

    [Fact]
    public async Task Conditions_OnContactTagsFieldsAndAHostPredicate_AllMustHold()
    {
        using var inbox = WorkflowInbox.Create(w => w
            .WhenContactTag("vip")
            .WhenContactField("tier", "GOLD")
            .When(t => t.FirstMessage!.Content.Contains("help", StringComparison.OrdinalIgnoreCase))
            .DefaultTeam("support"));
        await inbox.AddAgentAsync("bob", capacity: 10);
        var contacts = (InboundConversations.Storage.IContactStore)inbox.Services.GetService(typeof(InboundConversations.Storage.IContactStore))!;
        await contacts.UpdateAsync(new InboundConversations.Storage.ContactUpdate
        {
            Contact = new ContactId("vip-gold"),
            Workspace = default,
            SetFields = new Dictionary<string, string> { ["tier"] = "gold" },
            AddTags = ["vip"],
        }, CancellationToken.None);

        var matching = await inbox.ReceiveAsync("vip-gold", content: "Help please");
        var wrongText = await inbox.ReceiveAsync("someone", content: "Help please");

        (await inbox.RunOfAsync(matching.ConversationId)).Status.Should().Be(WorkflowRunStatus.Completed);
        (await inbox.ConversationOfAsync(matching)).State.Should().Be(ConversationState.Assigned);
        (await inbox.RunOfAsync(wrongText.ConversationId)).Status.Should().Be(WorkflowRunStatus.NotApplicable);
    }

    [Fact]
    public void AddInboundWorkflow_ThatRoutesNowhere_ThrowsAtTheCall()
    {
        var act = () => new TestInbox(build: b => b.AddInboundWorkflow(_ => { }));

        act.Should().ThrowExactly<ArgumentException>().WithMessage("AddInboundWorkflow: *routes nowhere*").Which.ParamName.Should().Be("configure");
    }

    [Fact]
    public void Enrichers_WithTheSameName_AreRefusedWhenTheEngineIsBuilt()
    {
        var act = () => WorkflowInbox.Create(w => w.Enrich(StubEnricher.Fact("crm", "a", "1")).Enrich(StubEnricher.Fact("crm", "b", "2")).DefaultTeam("support"));

        act.Should().ThrowExactly<InvalidOperationException>().WithMessage("AddInboundWorkflow: *named 'crm'*");
    }

    [Fact]
    public void RunLease_NotLongerThanTheStepTimeout_IsRefused()
    {
        var act = () => WorkflowInbox.Create(w => w.DefaultTeam("support"), options: o =>
        {
            o.StepTimeout = TimeSpan.FromSeconds(30);
            o.RunLease = TimeSpan.FromSeconds(30);
        });

        act.Should().Throw<OptionsValidationException>().WithMessage("*RunLease must be longer than StepTimeout*");
    }
}
