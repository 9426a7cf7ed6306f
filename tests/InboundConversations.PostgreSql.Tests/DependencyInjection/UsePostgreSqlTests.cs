using InboundConversations.PostgreSql.Tests.Infrastructure;
using InboundConversations.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace InboundConversations.PostgreSql.Tests.DependencyInjection;

[Collection(PostgreSqlCollection.Name)]
public sealed class UsePostgreSqlTests(PostgreSqlServer server)
{
    [Fact]
    public async Task UsePostgreSql_ReplacesAllThreePorts_AndAReceivedMessageIsStoredInTheConfiguredSchema()
    {
        var connectionString = await server.CreateDatabaseAsync("wiring");
        var services = new ServiceCollection();
        services.AddInboundConversations().UsePostgreSql(connectionString, options => options.Schema = "wired");
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        provider.GetRequiredService<IConversationStore>().Should().BeOfType<PostgreSqlConversationStore>();
        provider.GetRequiredService<IAgentDirectory>().Should().BeOfType<PostgreSqlAgentDirectory>();
        provider.GetRequiredService<IContactStore>().Should().BeOfType<PostgreSqlContactStore>();

        var engine = provider.GetRequiredService<IConversationEngine>();
        var received = await engine.ReceiveAsync(new InboundMessage
        {
            Contact = new ContactId("contact-1"), Channel = new ChannelId("sms"), ExternalId = "sms-1", Content = "Hi", SentAt = DateTimeOffset.UtcNow,
        });

        received.OpenedConversation.Should().BeTrue();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("select count(*) from wired.messages where external_id = 'sms-1'");
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(1);
    }

    [Fact]
    public async Task UsePostgreSql_WithTheHostsDataSource_LeavesItOpenWhenTheServicesAreDisposed()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("wiring_host"));
        var services = new ServiceCollection();
        services.AddInboundConversations().UsePostgreSql(dataSource);
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<IConversationEngine>().FindOpenConversationAsync(new ContactId("nobody"));
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        connection.State.Should().Be(System.Data.ConnectionState.Open, "the host's data source is the host's to dispose");
    }

    [Fact]
    public async Task UsePostgreSql_WithAConnectionString_DisposesItsOwnDataSourceWithTheServices()
    {
        var services = new ServiceCollection();
        services.AddInboundConversations().UsePostgreSql(await server.CreateDatabaseAsync("wiring_owned"));
        var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IConversationStore>();
        await store.FindOpenAsync(default, new ContactId("nobody"), CancellationToken.None);

        await provider.DisposeAsync();

        var afterwards = () => store.FindOpenAsync(default, new ContactId("nobody"), CancellationToken.None).AsTask();
        await afterwards.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task AProviderDisposedSynchronously_AfterTheStoresWereUsed_DisposesWithoutError()
    {
        var services = new ServiceCollection();
        services.AddInboundConversations().UsePostgreSql(await server.CreateDatabaseAsync("wiring_sync"));
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IConversationStore>().FindOpenAsync(default, new ContactId("nobody"), CancellationToken.None);

        var dispose = () => provider.Dispose();

        dispose.Should().NotThrow();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Host=127.0.0.1;Nonsense Key=1")]
    public void UsePostgreSql_WithAnInvalidConnectionString_ThrowsAtOnce_RegisteringNothing(string connectionString)
    {
        var services = new ServiceCollection();
        var builder = services.AddInboundConversations();
        var registered = services.Count;

        var use = () => builder.UsePostgreSql(connectionString);

        use.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("connectionString");
        services.Should().HaveCount(registered);
    }

    [Theory]
    [InlineData("Inbox", "not a valid schema name")]
    [InlineData("pg_inbox", "pg_")]
    [InlineData(null, "it is null")]
    public void UsePostgreSql_WithAnInvalidSchema_FailsOptionsValidation_NamingTheOption(string? schema, string reason)
    {
        var services = new ServiceCollection();
        services.AddInboundConversations().UsePostgreSql("Host=127.0.0.1;Database=unused", options => options.Schema = schema!);
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IConversationStore>();

        resolve.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("PostgreSqlOptions.Schema").And.Contain(reason);
    }

    [Fact]
    public void StoresBuiltByHand_WithAnInvalidSchema_ThrowNamingTheOption_BeforeAnyDatabaseCall()
    {
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=unused");
        var options = new PostgreSqlOptions { Schema = "Bad-Schema" };

        ((Action)(() => _ = new PostgreSqlConversationStore(dataSource, options))).Should().Throw<ArgumentException>().WithMessage("*PostgreSqlOptions.Schema*");
        ((Action)(() => _ = new PostgreSqlAgentDirectory(dataSource, options))).Should().Throw<ArgumentException>().WithMessage("*PostgreSqlOptions.Schema*");
        ((Action)(() => _ = new PostgreSqlContactStore(dataSource, options))).Should().Throw<ArgumentException>().WithMessage("*PostgreSqlOptions.Schema*");
        ((Action)(() => _ = new PostgreSqlConversationStore(null!))).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void UsePostgreSql_WithNullArguments_Throws()
    {
        var builder = new ServiceCollection().AddInboundConversations();

        ((Action)(() => builder.UsePostgreSql((NpgsqlDataSource)null!))).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("dataSource");
        ((Action)(() => builder.UsePostgreSql((string)null!))).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("connectionString");
        ((Action)(() => ((IInboundConversationsBuilder)null!).UsePostgreSql("Host=x"))).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("builder");
    }
}
