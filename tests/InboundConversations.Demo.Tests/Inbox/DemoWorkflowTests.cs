using InboundConversations.Demo.Inbox;
using InboundConversations.Demo.Simulation;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.Demo.Tests.Inbox;

public sealed class DemoWorkflowTests
{
    public static TheoryData<string, string, string> Openings()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var language in Enum.GetValues<Language>())
        {
            foreach (var topic in Enum.GetValues<Topic>())
            {
                foreach (var exchange in Phrasebook.All(language, topic))
                {
                    data.Add(language.ToString(), topic.ToString(), exchange.Opening);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Openings))]
    public async Task Every_opening_the_contacts_write_is_enriched_and_routed_as_its_topic_intends(string languageName, string topicName, string opening)
    {
        var language = Enum.Parse<Language>(languageName);
        var topic = Enum.Parse<Topic>(topicName);
        var clock = new SimulatedClock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock);
        services.AddInboundConversations().AddInboundWorkflow(DemoWorkflow.Configure);
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<IConversationEngine>();

        var received = await engine.ReceiveAsync(new InboundMessage
        {
            Contact = new ContactId("someone"),
            Channel = new ChannelId("webchat"),
            ExternalId = "webchat-1",
            Content = opening,
            SentAt = clock.GetUtcNow(),
        });

        var run = await engine.FindWorkflowRunAsync(received.ConversationId);
        var conversation = await engine.GetConversationAsync(received.ConversationId);
        var intent = topic == Topic.Unclear ? null : topic.ToString().ToLowerInvariant();
        run!.Facts.GetValueOrDefault(WorkflowFacts.Intent).Should().Be(intent);
        run.Facts[WorkflowFacts.Language].Should().Be(language == Language.English ? "en" : "es");
        conversation.Team.Should().Be(new TeamId(intent ?? Teams.Support));
    }
}
