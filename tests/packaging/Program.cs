// Packaging check: one inbound cycle against the restored packages, as a user's app runs it.
// Usage: dotnet run -- <expected package version>. Exits 1 on the first step that is not as expected.
using System.Reflection;
using InboundConversations;
using InboundConversations.Hosting;
using InboundConversations.PostgreSql;
using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: PackageCheck <expected package version>");
    return 2;
}

var failures = 0;
void Check(bool holds, string expectation)
{
    Console.WriteLine($"  {(holds ? "ok  " : "FAIL")} {expectation}");
    failures += holds ? 0 : 1;
}

Console.WriteLine("The assemblies come from the packages under test:");
foreach (var assembly in new[] { typeof(IConversationEngine).Assembly, typeof(PostgreSqlConversationStore).Assembly, typeof(BackgroundProcessingOptions).Assembly, typeof(ConversationStoreContract).Assembly })
{
    var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
    Check(version.Split('+')[0] == args[0], $"{assembly.GetName().Name} {version}, expected {args[0]}");
}

var services = new ServiceCollection();
services.AddInboundConversations()
    .AddInboundWorkflow(workflow => workflow
        .DefaultTeam("support")
        .AssignBy(AgentAssigners.LeastOpen()));

await using var provider = services.BuildServiceProvider();
var engine = provider.GetRequiredService<IConversationEngine>();
var roster = provider.GetRequiredService<IAgentRoster>();

var ana = new AgentId("ana");
await roster.RegisterAgentAsync(new AgentRegistration
{
    Agent = ana,
    Teams = [new TeamId("support")],
    Capacity = 2,
    InitialPresence = AgentPresence.Online,
});

Console.WriteLine("One cycle:");
var first = await engine.ReceiveAsync(Message("wa-1", "Hello, my order has not arrived."));
Check(first.OpenedConversation, "the contact's first message opens a conversation");

var opened = await engine.GetConversationAsync(first.ConversationId);
Check(opened.Source == ConversationSource.Contact, $"opened by the contact (source {opened.Source})");
Check(opened.State == ConversationState.Assigned && opened.Assignee == ana,
    $"the workflow assigned it to the online agent ana (state {opened.State}, assignee {opened.Assignee?.ToString() ?? "none"})");

var second = await engine.ReceiveAsync(Message("wa-2", "Order 1234."));
Check(!second.OpenedConversation && second.ConversationId == first.ConversationId, "a second message joins the open conversation");

var closed = await engine.CloseAsync(new CloseConversationRequest
{
    ConversationId = first.ConversationId,
    ClosedBy = Actor.Agent(ana),
    Category = "resolved",
});
Check(closed.State == ConversationState.Closed, $"the agent closes it (state {closed.State})");

var next = await engine.ReceiveAsync(Message("wa-3", "Thanks! One more question."));
Check(next.OpenedConversation && next.ConversationId != first.ConversationId, "the next message opens a new conversation");

var reopened = await engine.GetConversationAsync(next.ConversationId);
Check(reopened.State == ConversationState.Assigned && reopened.Assignee == ana,
    $"which the workflow assigns again (state {reopened.State}, assignee {reopened.Assignee?.ToString() ?? "none"})");

Console.WriteLine("The PostgreSQL package (wiring only: no server here):");
Check(PostgreSqlMigrations.LatestVersion >= 1, $"it carries its schema migrations (latest version {PostgreSqlMigrations.LatestVersion})");
var postgres = new ServiceCollection();
postgres.AddInboundConversations().UsePostgreSql("Host=127.0.0.1;Database=inbox");
await using (var postgresProvider = postgres.BuildServiceProvider())
{
    Check(postgresProvider.GetRequiredService<IConversationStore>() is PostgreSqlConversationStore, "UsePostgreSql replaces the conversation store");
}

Console.WriteLine("The hosting package (the background service: a pass, a wait, a stop):");
var waits = new WaitSignallingClock();
var hosted = new ServiceCollection().AddSingleton<TimeProvider>(waits);
hosted.AddInboundConversations().AddBackgroundProcessing(options => options.Interval = TimeSpan.FromSeconds(5));
await using (var hostedProvider = hosted.BuildServiceProvider())
{
    Check(hostedProvider.GetRequiredService<IOptions<BackgroundProcessingOptions>>().Value.Interval == TimeSpan.FromSeconds(5), "AddBackgroundProcessing takes its interval");
    var hostedServices = hostedProvider.GetServices<IHostedService>().ToList();
    Check(hostedServices is [BackgroundService], $"it adds one background service ({hostedServices.Count})");
    if (hostedServices is [BackgroundService background])
    {
        await background.StartAsync(CancellationToken.None);
        var due = await waits.FirstWait.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Check(due == TimeSpan.FromSeconds(5), $"its first pass ran, then it waits the interval on the library's TimeProvider ({due})");
        await background.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Check(background.ExecuteTask?.Status == TaskStatus.RanToCompletion, $"and it stops cleanly ({background.ExecuteTask?.Status})");
    }
}

Console.WriteLine(failures == 0 ? "packaging check passed" : $"packaging check: {failures} step(s) failed");
return failures == 0 ? 0 : 1;

static InboundMessage Message(string externalId, string content) => new()
{
    Contact = new ContactId("contact-1"),
    Channel = new ChannelId("whatsapp"),
    ExternalId = externalId,
    Content = content,
    SentAt = TimeProvider.System.GetUtcNow(),
};

/// <summary>The system clock, telling when the first timer is made (the background service's wait after its first pass).</summary>
internal sealed class WaitSignallingClock : TimeProvider
{
    public TaskCompletionSource<TimeSpan> FirstWait { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        FirstWait.TrySetResult(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
