using Microsoft.Extensions.Options;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlOptions"/> when the host starts.</summary>
internal sealed class PostgreSqlOptionsValidator : IValidateOptions<PostgreSqlOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlOptions options) =>
        SchemaName.Problem(options.Schema) is { } problem
            ? ValidateOptionsResult.Fail($"{nameof(PostgreSqlOptions)}.{nameof(PostgreSqlOptions.Schema)}: {problem}.")
            : ValidateOptionsResult.Success;
}
