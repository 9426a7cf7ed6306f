using Microsoft.Extensions.Options;

namespace InboundConversations.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlOptions"/> against its attributes when the host starts; generated, reflection-free.</summary>
[OptionsValidator]
internal sealed partial class PostgreSqlOptionsValidator : IValidateOptions<PostgreSqlOptions>;
