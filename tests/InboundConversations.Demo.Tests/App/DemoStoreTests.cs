using InboundConversations.Demo.App;

namespace InboundConversations.Demo.Tests.App;

public sealed class DemoStoreTests
{
    [Fact]
    public void A_schema_name_is_the_utc_time_and_six_random_hex_digits_and_differs_every_time()
    {
        var now = new DateTimeOffset(2027, 1, 2, 5, 4, 5, TimeSpan.FromHours(2));

        var first = DemoStore.NewSchemaName(now);
        var second = DemoStore.NewSchemaName(now);

        first.Should().MatchRegex("^inbound_demo_20270102_030405_[0-9a-f]{6}$");
        second.Should().StartWith("inbound_demo_20270102_030405_").And.NotBe(first);
    }

    [Fact]
    public void Without_postgres_the_store_is_the_in_memory_default_with_no_schema_line()
    {
        var store = DemoStore.For(new DemoOptions(), TimeProvider.System);

        store.Should().BeSameAs(DemoStore.InMemory);
        store.SchemaLine.Should().BeNull();
        store.Description.Should().Be("the in-memory default");
    }

    [Fact]
    public void With_postgres_the_schema_line_names_the_schema_and_how_to_drop_it()
    {
        var store = DemoStore.For(new DemoOptions { PostgreSql = "Host=localhost" }, TimeProvider.System);

        store.Schema.Should().StartWith("inbound_demo_");
        store.SchemaLine.Should().Contain($"schema {store.Schema}").And.Contain($"drop schema {store.Schema} cascade");
    }
}
