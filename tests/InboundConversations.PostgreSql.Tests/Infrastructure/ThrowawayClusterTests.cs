using System.Net;
using System.Net.Sockets;
using InboundConversations.PostgreSql.Throwaway;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.Infrastructure;

/// <summary>The throwaway cluster survives its free port being taken between choosing it and the server binding it.</summary>
public sealed class ThrowawayClusterTests
{
    [Fact]
    public async Task Start_WhenTheChosenPortIsTakenMeanwhile_StartsOnTheNextPortChosen()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var chosen = new List<int>();

        await using var cluster = await ThrowawayCluster.StartAsync(() =>
        {
            using var free = new TcpListener(IPAddress.Loopback, 0);
            free.Start();
            chosen.Add(chosen.Count == 0 ? taken : ((IPEndPoint)free.LocalEndpoint).Port);
            return chosen[^1];
        });

        chosen.Should().HaveCount(2);
        cluster.Port.Should().Be(chosen[1]).And.NotBe(taken);
        await using var dataSource = NpgsqlDataSource.Create(await cluster.CreateDatabaseAsync("port_retry"));
        await using var command = dataSource.CreateCommand("select inet_server_port()");
        (await command.ExecuteScalarAsync()).Should().Be(cluster.Port);
    }
}
