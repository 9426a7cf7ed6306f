using System.Net;
using InboundConversations.Storage;
using InboundConversations.Testing;
using InboundConversations.WebhookHost.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace InboundConversations.WebhookHost.Tests;

/// <summary>An exception the mapping does not know stays a 500, and its message does not reach the client.</summary>
public sealed class ServerErrorTests
{
    [Fact]
    public async Task StoreFailure_Answers500Problem_WithoutTheExceptionsMessage()
    {
        var down = false;
        var outage = new FaultPlan(seed: 1) { Override = call => down && !call.IsWrite ? FaultKind.Transient : null };
        await using var host = await RunningHost.StartAsync(
            services: s => s.AddSingleton<IConversationStore>(new FaultInjectingConversationStore(new InMemoryConversationStore(), outage)));
        down = true; // after start-up: every read of the conversation store fails from here

        var problem = await host.GetConversationAsync(Guid.CreateVersion7().ToString()).ReadProblemAsync(HttpStatusCode.InternalServerError);

        outage.Total.Transient.Should().BePositive();
        problem.TryGetProperty("detail", out _).Should().BeFalse();
        problem.TryGetProperty("error", out _).Should().BeFalse();
    }
}
