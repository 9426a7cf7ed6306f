using InboundConversations.Demo.App;

namespace InboundConversations.Demo.Tests.App;

public sealed class DemoOptionsParserTests
{
    [Fact]
    public void No_arguments_give_twelve_contacts_the_fixed_seed_and_the_timeline()
    {
        var parsed = DemoOptionsParser.Parse([]);

        parsed.Error.Should().BeNull();
        parsed.HelpRequested.Should().BeFalse();
        parsed.Options.Should().Be(new DemoOptions { Contacts = 12, Seed = 2026, Quiet = false });
    }

    [Theory]
    [InlineData("--contacts", "2000", "--seed", "7", "--quiet")]
    [InlineData("--quiet", "--seed=7", "--contacts=2000")]
    [InlineData("-q", "--contacts", "2000", "--seed", "7")]
    public void Contacts_seed_and_quiet_are_read_in_any_order_and_either_form(params string[] args)
    {
        var parsed = DemoOptionsParser.Parse(args);

        parsed.Options.Should().Be(new DemoOptions { Contacts = 2000, Seed = 7, Quiet = true });
    }

    [Theory]
    [InlineData("--contacts", "1")]
    [InlineData("--contacts", "100000")]
    public void Contacts_at_either_end_of_the_range_are_accepted(params string[] args) =>
        DemoOptionsParser.Parse(args).Options.Should().NotBeNull();

    [Theory]
    [InlineData("--contacts 0", "--contacts must be a whole number from 1 to 100000, not '0'")]
    [InlineData("--contacts 100001", "--contacts must be a whole number from 1 to 100000, not '100001'")]
    [InlineData("--contacts twelve", "--contacts must be a whole number from 1 to 100000, not 'twelve'")]
    [InlineData("--contacts -3", "--contacts must be a whole number from 1 to 100000, not '-3'")]
    [InlineData("--contacts=", "--contacts must be a whole number from 1 to 100000, not ''")]
    [InlineData("--contacts", "--contacts needs a value")]
    [InlineData("--contacts --quiet", "--contacts needs a value")]
    [InlineData("--seed 1.5", "--seed must be a whole number from 0 to 2147483647, not '1.5'")]
    [InlineData("--seed 2147483648", "--seed must be a whole number from 0 to 2147483647, not '2147483648'")]
    [InlineData("--seed", "--seed needs a value")]
    [InlineData("--seed 1 --seed 2", "--seed is given more than once")]
    [InlineData("--quiet -q", "--quiet is given more than once")]
    [InlineData("--quiet=yes", "--quiet takes no value")]
    [InlineData("--colour", "unknown option '--colour'")]
    [InlineData("12", "unknown option '12'")]
    public void A_bad_command_line_is_refused_with_a_message_naming_the_option_and_value(string commandLine, string error)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var parsed = DemoOptionsParser.Parse(args);

        parsed.Options.Should().BeNull();
        parsed.HelpRequested.Should().BeFalse();
        parsed.Error.Should().Be(error);
    }

    [Theory]
    [InlineData("--postgres", "Host=localhost;Database=inbox", "--quiet")]
    [InlineData("--quiet", "--postgres=Host=localhost;Database=inbox")]
    public void Postgres_takes_a_connection_string_as_the_next_argument_or_after_an_equals_sign(params string[] args)
    {
        var parsed = DemoOptionsParser.Parse(args);

        parsed.Options.Should().Be(new DemoOptions { Quiet = true, PostgreSql = "Host=localhost;Database=inbox" });
    }

    [Theory]
    [InlineData("--postgres")]
    [InlineData("--postgres", "--quiet")]
    public void Postgres_without_a_value_is_refused(params string[] args)
    {
        var parsed = DemoOptionsParser.Parse(args);

        parsed.Options.Should().BeNull();
        parsed.Error.Should().Be("--postgres needs a value");
    }

    [Theory]
    [InlineData("--postgres=")]
    [InlineData("--postgres", "")]
    [InlineData("--postgres", "   ")]
    public void Postgres_with_an_empty_value_is_refused(params string[] args)
    {
        var parsed = DemoOptionsParser.Parse(args);

        parsed.Options.Should().BeNull();
        parsed.Error.Should().Be("--postgres needs a connection string, not an empty value");
    }

    [Theory]
    [InlineData("Password=hunter2;Hots=localhost")]
    [InlineData("Password=hunter2;localhost")]
    [InlineData("Password=hunter2;Port=five")]
    public void Postgres_with_a_string_Npgsql_cannot_parse_is_refused_without_repeating_it(string connectionString)
    {
        var parsed = DemoOptionsParser.Parse(["--postgres", connectionString]);

        parsed.Options.Should().BeNull();
        parsed.Error.Should().StartWith("--postgres is not a valid Npgsql connection string: ").And.NotContain("hunter2");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--contacts", "5", "--help")]
    public void Help_is_recognised_alone_or_after_other_options(params string[] args)
    {
        var parsed = DemoOptionsParser.Parse(args);

        parsed.HelpRequested.Should().BeTrue();
        parsed.Error.Should().BeNull();
    }
}
