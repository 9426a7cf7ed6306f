using InboundConversations.Storage;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InboundConversations.Tests.Support;

/// <summary>Stores that outlive an engine: a "restart" is a new engine over the same stores.</summary>
public sealed class SharedStores
{
    public InMemoryConversationStore Conversations { get; } = new();

    public InMemoryAgentDirectory Agents { get; } = new();

    public InMemoryContactStore Contacts { get; } = new();

    /// <summary>A new engine (a new process, as far as the stores can tell) with this workflow.</summary>
    public TestInbox StartEngine(
        Action<InboundWorkflowBuilder> workflow,
        Func<IConversationStore, IConversationStore>? wrap = null,
        Func<IAgentDirectory, IAgentDirectory>? wrapAgents = null,
        Func<IContactStore, IContactStore>? wrapContacts = null,
        Action<IServiceCollection>? services = null) =>
        new(services: services, build: b =>
        {
            b.AddInboundWorkflow(workflow);
            b.UseConversationStore(_ => wrap?.Invoke(Conversations) ?? Conversations);
            b.Services.Replace(ServiceDescriptor.Singleton(wrapAgents?.Invoke(Agents) ?? Agents));
            b.Services.Replace(ServiceDescriptor.Singleton(wrapContacts?.Invoke(Contacts) ?? Contacts));
        });

    /// <summary>What an engine stores when a contact's message opens a conversation, before its workflow runs.</summary>
    public async Task<ConversationId> OpenWithoutRunningAsync(string contact, DateTimeOffset now)
    {
        var result = await Conversations.AppendInboundAsync(new InboundAppend
        {
            Workspace = default,
            Contact = new ContactId(contact),
            Channel = new ChannelId("whatsapp"),
            ExternalId = $"ext-{contact}",
            Content = "Hello",
            SentAt = now,
            ReceivedAt = now,
            MessageId = MessageId.New(now),
            NewConversationId = ConversationId.New(now),
            NewConversationState = ConversationState.Triaging,
            StartsWorkflow = true,
        }, CancellationToken.None);
        return result.Message.ConversationId;
    }
}
