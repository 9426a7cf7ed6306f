// InboundConversations demo: one inbox on the in-memory default, driven by a simulated clock.
using InboundConversations;
using InboundConversations.Demo;
using Microsoft.Extensions.DependencyInjection;

var clock = new SimulatedClock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
var timeline = new Timeline(clock);

var services = new ServiceCollection();
services.AddSingleton<TimeProvider>(clock);
services.AddInboundConversations()
    .AddEventHandler(timeline)
    .AddInboundWorkflow(DemoWorkflow.Configure);

await using var provider = services.BuildServiceProvider();
var engine = provider.GetRequiredService<IConversationEngine>();
var roster = provider.GetRequiredService<IAgentRoster>();

Console.WriteLine("InboundConversations demo: an inbox on the in-memory default, with a simulated clock.");
Console.WriteLine();
await new Scenario(engine, roster, clock, timeline).RunAsync();
await Summary.PrintAsync(engine, roster, timeline, ["maria", "li", "tom"], ["sales", "support", "billing"]);
